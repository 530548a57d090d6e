package io.kolmo.model.net;

/**
 * How a model is run.
 *
 * @param backend which backend to use
 * @param deviceId CUDA device for {@link Backend#CUDA} and {@link Backend#AUTO}
 * @param threads ONNX Runtime intra-op threads; 0 = kolmo's default of 1 (with spinning off), which
 *     was the fastest setting for this small network on a busy 2-core CPU
 */
public record ModelOptions(Backend backend, int deviceId, int threads) {
    /** Backends in order of preference for {@link #AUTO}. */
    public enum Backend {
        /** CUDA when it initialises, else ONNX Runtime on CPU, else the Java reference. */
        AUTO,
        /** ONNX Runtime with the CUDA execution provider; fails when CUDA is unavailable. */
        CUDA,
        /** ONNX Runtime on the CPU. */
        CPU,
        /** The pure-Java reference implementation of the integer network (slow, always available). */
        REFERENCE
    }

    public ModelOptions {
        if (backend == null) {
            throw new IllegalArgumentException("backend is null");
        }
        if (deviceId < 0 || threads < 0) {
            throw new IllegalArgumentException("deviceId " + deviceId + ", threads " + threads);
        }
    }

    public static ModelOptions defaults() {
        return new ModelOptions(Backend.AUTO, 0, 0);
    }
}
