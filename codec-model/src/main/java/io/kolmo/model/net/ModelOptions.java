package io.kolmo.model.net;

/**
 * How a model is run.
 *
 * @param backend which backend to use
 * @param deviceId CUDA device for {@link Backend#CUDA} and {@link Backend#AUTO}
 * @param threads ONNX Runtime intra-op threads, the same for every call; 0 = kolmo's default, which
 *     picks per kind of work, with spinning off: full windows on 2 threads (1 on a one-core machine;
 *     1.4x faster than one on an idle 2-core CPU); when the model's weight file is loaded,
 *     incremental steps of up to 16 sequences on the Java network after an ONNX Runtime pass over
 *     each prefix (5x faster per step than ONNX Runtime for one sequence, 2x for four, even at 16),
 *     a batch stepped alone (one frame) with each step shared by two threads;
 *     larger batches, and every step without the weight file, on a second session with 1 thread
 *     (1.2-1.4x faster than two at batch 1-4, the same at 16); the bit-exact rule
 *     makes every choice give the same logits. ONNX Runtime's own default (every core, spinning) was
 *     1.5-3x slower on a busy machine (training/tools/GraphBench)
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

    /** The intra-op thread count ONNX Runtime is given: {@link #threads()}, or kolmo's default for 0. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
    }
}
