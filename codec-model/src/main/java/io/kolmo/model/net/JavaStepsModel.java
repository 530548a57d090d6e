package io.kolmo.model.net;

import java.io.IOException;
import java.util.Objects;

/**
 * ONNX Runtime on the CPU for full windows, the pure-Java network ({@link StepNet}) for incremental
 * steps of up to {@value #JAVA_MAX_BATCH} sequences: a one-byte step is mostly ONNX Runtime's
 * per-node overhead (about a thousand small operators), and the Java network steps faster
 * (session 7, idle 2-core CPU, medians, {@code training/tools/StepBench.java}: 0.134 against 0.721 ms
 * per step of one sequence with ONNX Runtime on one thread, 0.384 against 0.713 ms for four, even at
 * sixteen). The first multi-byte feed of a batch (a window's prefix) runs on ONNX Runtime, one
 * batched pass, and the Java network takes over the caches. Both networks compute the same
 * integers (the bit-exact rule), so which one served a call never changes a logit.
 *
 * <p>Used for kolmo's default thread setting when the model's weight file is loaded; thread-safe
 * like its parts.
 */
final class JavaStepsModel implements ByteModel {
    /**
     * Largest batch stepped in Java. The Java caches are int arrays (2 MiB per sequence for the
     * default model against ONNX Runtime's 0.5 MiB of int8), and from batch 16 on ONNX Runtime's fixed
     * cost per step is spread thin enough to step as fast (docs/BENCHMARKS.md, session 7).
     */
    static final int JAVA_MAX_BATCH = 16;

    private final OrtModel ort;
    private final ReferenceModel java;

    JavaStepsModel(OrtModel ort, ReferenceModel java) {
        this.ort = Objects.requireNonNull(ort, "ort");
        this.java = Objects.requireNonNull(java, "java");
        ModelInfo a = ort.info();
        ModelInfo b = java.info();
        if (!a.idHex().equals(b.idHex()) || a.contextLength() != b.contextLength() || a.logitScale() != b.logitScale()) {
            throw new IllegalArgumentException("different models: " + a.idHex() + " vs " + b.idHex());
        }
    }

    @Override
    public ModelInfo info() {
        return ort.info();
    }

    @Override
    public String backend() {
        return ort.backend() + ", steps of up to " + JAVA_MAX_BATCH + " sequences on the Java network";
    }

    @Override
    public int[][] forward(byte[][] windows, int length) throws IOException {
        return ort.forward(windows, length);
    }

    @Override
    public int[][] forward(byte[][] windows, int length, int first) throws IOException {
        return ort.forward(windows, length, first);
    }

    @Override
    public Incremental incremental(int batch) throws IOException {
        return batch <= JAVA_MAX_BATCH ? new Steps(java.stepNet().steps(batch)) : ort.incremental(batch);
    }

    /** {@link #incremental(int)}; Java steps shared by two threads when {@code threads >= 2}. */
    @Override
    public Incremental incremental(int batch, int threads) throws IOException {
        Feeds.checkThreads(threads);
        return batch <= JAVA_MAX_BATCH
                ? new Steps(java.stepNet().steps(batch, Math.min(threads, StepNet.MAX_THREADS)))
                : ort.incremental(batch);
    }

    /**
     * A first feed of several bytes (a window's prefix) runs on ONNX Runtime, one batched pass, and
     * the Java network takes over the caches (in Java a prefix is one step per position); single bytes
     * run in Java.
     */
    private final class Steps implements Incremental {
        private final StepNet.Steps steps;

        Steps(StepNet.Steps steps) {
            this.steps = steps;
        }

        @Override
        public int batch() {
            return steps.batch();
        }

        @Override
        public int position() {
            return steps.position();
        }

        @Override
        public int[][] feed(byte[][] bytes, int off, int n) throws IOException {
            if (n < 2 || steps.position() != 0) {
                return steps.feed(bytes, off, n);
            }
            steps.check(bytes, off, n);
            OrtModel.Prefill pre = ort.prefill(bytes, off, n);
            steps.load(pre);
            return pre.logits();
        }

        @Override
        public void reset() {
            steps.reset();
        }

        @Override
        public void close() {
            steps.close();
        }
    }

    @Override
    public void close() {
        ort.close();
        java.close();
    }
}
