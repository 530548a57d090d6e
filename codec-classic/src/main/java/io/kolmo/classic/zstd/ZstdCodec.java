package io.kolmo.classic.zstd;

import io.kolmo.classic.internal.ClassicCodec;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;

/**
 * zstd through zstd-jni's native library. Each frame is one zstd frame written without what the
 * container already records (magic number, content size, checksum, dictionary id).
 *
 * <p>Levels 1..9 spread over zstd's range: 1, 3, 5, 7, 9, 12, 15, 17, 19. The default, 2, is
 * zstd's own default (3). Frames default to 8 MiB, the window of zstd's high levels.
 *
 * <pre>{@code
 * if (ZstdNativeProbe.availability().isAvailable()) {
 *     byte[] packed = Codecs.get("zstd", CodecOptions.defaults().withLevel(9)).compress(data);
 * }
 * }</pre>
 *
 * <p>Instances are immutable and may be shared between threads. Create them through
 * {@link ZstdCodecProvider}, which checks that the native library loads.
 */
public final class ZstdCodec extends ClassicCodec {
    public static final String NAME = "zstd";
    public static final int ID = 3;
    public static final int DEFAULT_LEVEL = 2;
    static final int DEFAULT_FRAME_SIZE = 8 << 20;
    private static final int[] ZSTD_LEVELS = {1, 3, 5, 7, 9, 12, 15, 17, 19};

    ZstdCodec(CodecOptions options) {
        super(NAME, ID, options, DEFAULT_FRAME_SIZE);
    }

    /** The zstd compression level of a kolmo level 1..9. */
    static int zstdLevel(int level) {
        return ZSTD_LEVELS[level - 1];
    }

    @Override
    protected Codec withOptions(CodecOptions options) {
        return new ZstdCodec(options);
    }

    @Override
    public BlockEncoder newEncoder() {
        return new ZstdBlockEncoder(zstdLevel(options().levelOr(DEFAULT_LEVEL)));
    }

    @Override
    public BlockDecoder newDecoder() {
        return new ZstdBlockDecoder();
    }
}
