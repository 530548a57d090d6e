package io.kolmo.model.net;

import io.kolmo.codec.Availability;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads models: the default model bundled in this jar, or a user-given one.
 *
 * <p>TODO(helper A): implementation pending; signatures are the contract other code builds on.
 */
public final class Models {
    private Models() {
    }

    /**
     * The bundled default model on the best available backend ({@link ModelOptions#defaults()}),
     * loaded once; every caller gets the same thread-safe instance, which must not be closed.
     */
    public static ByteModel shared() throws IOException {
        throw new IllegalStateException("not implemented yet");
    }

    /**
     * Whether the bundled default model can be run on ONNX Runtime here (CPU or CUDA); when not,
     * the reason. (The Java reference always works but is slow.)
     */
    public static Availability availability() {
        throw new IllegalStateException("not implemented yet");
    }

    /** Loads an ONNX model file; {@code <stem>.weights} next to it, when present, enables the Java reference. */
    public static ByteModel load(Path onnx, ModelOptions options) throws IOException {
        throw new IllegalStateException("not implemented yet");
    }

    /** Loads a model from bytes; {@code weights} may be null (then no Java reference fallback). */
    public static ByteModel load(byte[] onnx, byte[] weights, ModelOptions options) throws IOException {
        throw new IllegalStateException("not implemented yet");
    }
}
