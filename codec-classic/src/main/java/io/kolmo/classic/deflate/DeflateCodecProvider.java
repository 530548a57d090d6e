package io.kolmo.classic.deflate;

import io.kolmo.codec.Availability;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CodecProvider;

/**
 * Provides the {@code deflate} codec (id 1): raw deflate from the JDK, always available.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class DeflateCodecProvider implements CodecProvider {
    @Override
    public String name() {
        return DeflateCodec.NAME;
    }

    @Override
    public int id() {
        return DeflateCodec.ID;
    }

    @Override
    public String description() {
        return "raw deflate (java.util.zip), levels 1-9, default 6";
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public Codec create(CodecOptions options) {
        return new DeflateCodec(options);
    }
}
