package io.kolmo.classic.order0;

import io.kolmo.codec.Availability;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CodecProvider;

/**
 * Provides the {@code order0} codec (id 4): an adaptive order-0 model on kolmo's range coder,
 * pure Java, always available.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class Order0CodecProvider implements CodecProvider {
    @Override
    public String name() {
        return Order0Codec.NAME;
    }

    @Override
    public int id() {
        return Order0Codec.ID;
    }

    @Override
    public String description() {
        return "adaptive order-0 byte model on the range coder (pure Java; no levels)";
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public Codec create(CodecOptions options) {
        return new Order0Codec(options);
    }
}
