package io.kolmo.classic.xz;

import io.kolmo.classic.internal.ClassicCodec;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;

/**
 * Raw LZMA2 (the filter inside .xz files, without the .xz container: kolmo's frames already carry
 * lengths and checksums) through xz-java. Levels 1..9 are xz's presets; the default is 6.
 *
 * <p>Frames default to 8 MiB, the dictionary of preset 6, so that a frame can reach back over all
 * of itself. The dictionary never exceeds the frame: frames are independent, so a larger one would
 * only cost memory. The decoder needs no parameters: a dictionary as long as the frame is always
 * enough, which bounds its memory by the frame-size limit the container already enforces.
 *
 * <pre>{@code
 * Codec xz = Codecs.get("xz", CodecOptions.defaults().withLevel(9));
 * }</pre>
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class XzCodec extends ClassicCodec {
    public static final String NAME = "xz";
    public static final int ID = 2;
    public static final int DEFAULT_LEVEL = 6;
    static final int DEFAULT_FRAME_SIZE = 8 << 20;

    public XzCodec(CodecOptions options) {
        super(NAME, ID, options, DEFAULT_FRAME_SIZE);
    }

    @Override
    protected Codec withOptions(CodecOptions options) {
        return new XzCodec(options);
    }

    @Override
    public BlockEncoder newEncoder() {
        return new Lzma2BlockEncoder(options().levelOr(DEFAULT_LEVEL));
    }

    @Override
    public BlockDecoder newDecoder() {
        return new Lzma2BlockDecoder();
    }
}
