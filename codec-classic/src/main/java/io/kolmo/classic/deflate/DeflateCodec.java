package io.kolmo.classic.deflate;

import io.kolmo.classic.internal.ClassicCodec;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;

/**
 * Raw deflate (RFC 1951, no zlib or gzip wrapper: the container already checksums) through the
 * JDK's {@link java.util.zip.Deflater}. Levels 1..9 are the Deflater's levels; the default is 6.
 * Frames default to 1 MiB: deflate's window is 32 KiB, so larger frames gain nothing.
 *
 * <pre>{@code
 * Codec deflate = Codecs.get("deflate", CodecOptions.defaults().withLevel(9));
 * byte[] packed = deflate.compress(data);
 * }</pre>
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class DeflateCodec extends ClassicCodec {
    public static final String NAME = "deflate";
    public static final int ID = 1;
    public static final int DEFAULT_LEVEL = 6;
    static final int DEFAULT_FRAME_SIZE = 1 << 20;

    public DeflateCodec(CodecOptions options) {
        super(NAME, ID, options, DEFAULT_FRAME_SIZE);
    }

    @Override
    protected Codec withOptions(CodecOptions options) {
        return new DeflateCodec(options);
    }

    @Override
    public BlockEncoder newEncoder() {
        return new DeflateBlockEncoder(options().levelOr(DEFAULT_LEVEL));
    }

    @Override
    public BlockDecoder newDecoder() {
        return new DeflateBlockDecoder();
    }
}
