package io.kolmo.model.hybrid;

import io.kolmo.codec.Availability;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CodecProvider;
import io.kolmo.codec.UnsupportedFormatException;
import io.kolmo.model.OnnxRuntimeProbe;
import io.kolmo.model.net.Models;
import java.io.IOException;

/**
 * Service provider of the {@link HybridCodec hybrid} codec with the bundled default model
 * ({@link Models#shared()}). Available where ONNX Runtime loads and the default model runs on it;
 * {@link #availability()} says which of the two is missing. Being first in
 * {@link io.kolmo.codec.Codecs#defaultChoice()}'s preference, it is the default codec wherever it is
 * available; elsewhere cm is, and the choice's reason says why hybrid was passed over.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HybridCodecProvider implements CodecProvider {
    @Override
    public String name() {
        return HybridCodec.NAME;
    }

    @Override
    public int id() {
        return HybridCodec.ID;
    }

    @Override
    public String description() {
        return "the pretrained byte transformer mixed with cm's context models (ONNX Runtime); "
                + "decoding runs the network a byte at a time and is much slower than encoding";
    }

    /**
     * Available when the default model loads, on ONNX Runtime or, failing that, on the slow pure-Java
     * reference network (so streams still decode where ONNX Runtime does not load).
     */
    @Override
    public Availability availability() {
        try {
            Models.shared();
            return Availability.available();
        } catch (IOException | RuntimeException | LinkageError e) {
            return Availability.unavailable("the default model did not load: " + e.getMessage(), e);
        }
    }

    /** The default codec only where ONNX Runtime runs the default model. */
    @Override
    public Availability defaultAvailability() {
        Availability runtime = OnnxRuntimeProbe.runtime();
        if (!runtime.isAvailable()) {
            return runtime;
        }
        try {
            Availability model = Models.availability();
            return model.isAvailable() ? model
                    : Availability.unavailable("default model: " + model.reason(), model.cause().orElse(null));
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("default model could not be checked: " + e, e);
        }
    }

    @Override
    public Codec create(CodecOptions options) throws UnsupportedFormatException {
        availability().ensureAvailable("codec '" + HybridCodec.NAME + "'");
        try {
            return new HybridCodec(Models.shared(), options);
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedFormatException("the default model did not load: " + e.getMessage(), e);
        }
    }
}
