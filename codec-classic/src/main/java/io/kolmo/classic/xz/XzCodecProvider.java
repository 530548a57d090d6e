package io.kolmo.classic.xz;

import io.kolmo.codec.Availability;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CodecProvider;

/**
 * Provides the {@code xz} codec (id 2): raw LZMA2 from pure-Java xz-java, always available.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class XzCodecProvider implements CodecProvider {
    @Override
    public String name() {
        return XzCodec.NAME;
    }

    @Override
    public int id() {
        return XzCodec.ID;
    }

    @Override
    public String description() {
        return "raw LZMA2 (org.tukaani:xz), levels 1-9 = xz presets, default 6";
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public Codec create(CodecOptions options) {
        return new XzCodec(options);
    }
}
