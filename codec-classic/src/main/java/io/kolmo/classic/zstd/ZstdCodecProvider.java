package io.kolmo.classic.zstd;

import io.kolmo.codec.Availability;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CodecProvider;
import io.kolmo.codec.UnsupportedFormatException;

/**
 * Provides the {@code zstd} codec (id 3) when zstd-jni's native library loads here; see
 * {@link ZstdNativeProbe}. Constructing the provider loads nothing.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class ZstdCodecProvider implements CodecProvider {
    @Override
    public String name() {
        return ZstdCodec.NAME;
    }

    @Override
    public int id() {
        return ZstdCodec.ID;
    }

    @Override
    public String description() {
        return "zstd (native, zstd-jni), levels 1-9 = zstd 1..19, default 2 (zstd 3)";
    }

    @Override
    public Availability availability() {
        return ZstdNativeProbe.availability();
    }

    @Override
    public Codec create(CodecOptions options) throws UnsupportedFormatException {
        availability().ensureAvailable("codec 'zstd'");
        return new ZstdCodec(options);
    }
}
