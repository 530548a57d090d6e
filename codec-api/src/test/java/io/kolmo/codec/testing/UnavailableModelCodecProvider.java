package io.kolmo.codec.testing;

import io.kolmo.codec.Availability;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CodecProvider;
import io.kolmo.codec.UnsupportedFormatException;

/** A model codec (id 9002) whose model never loads, for the registry's error reporting. */
public final class UnavailableModelCodecProvider implements CodecProvider {
    public static final int ID = 9002;
    public static final String REASON = "test model file missing";

    @Override
    public String name() {
        return "test-unavailable-model";
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public String description() {
        return "test codec whose model is never available";
    }

    @Override
    public Availability availability() {
        return Availability.unavailable(REASON, new java.io.FileNotFoundException("model.onnx"));
    }

    @Override
    public Codec create(CodecOptions options) throws UnsupportedFormatException {
        availability().ensureAvailable("codec '" + name() + "'");
        throw new AssertionError("unreachable");
    }
}
