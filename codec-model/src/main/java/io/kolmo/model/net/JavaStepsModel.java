package io.kolmo.model.net;

import java.io.IOException;
import java.util.Objects;

/**
 * ONNX Runtime on the CPU for everything but single-sequence incremental evaluation, which runs on
 * the pure-Java network instead: a one-byte step of one sequence is mostly ONNX Runtime's per-node
 * overhead (about a thousand small operators), and the Java network stepped about 1.4x faster than
 * ONNX Runtime on one thread (0.52 vs 0.75 ms per byte, idle 2-core CPU, {@code training/tools/StepBench.java},
 * docs/BENCHMARKS.md). Batches of two or more sequences and full windows stay on ONNX Runtime,
 * which is faster there, and so does the first multi-byte feed of a sequence (a window's prefix), whose
 * cache the Java network then takes over. Both networks compute the same integers (the bit-exact rule), so which one
 * served a call never changes a logit.
 *
 * <p>Used for kolmo's default thread setting when the model's weight file is loaded; thread-safe
 * like its parts.
 */
final class JavaStepsModel implements ByteModel {
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
        return ort.backend() + ", single-sequence steps on the Java network";
    }

    @Override
    public int[][] forward(byte[][] windows, int length) throws IOException {
        return ort.forward(windows, length);
    }

    @Override
    public Incremental incremental(int batch) throws IOException {
        return batch == 1 ? new Steps((ReferenceModel.RefIncremental) java.incremental(1)) : ort.incremental(batch);
    }

    /**
     * One sequence: a first feed of several bytes (a window's prefix) runs on ONNX Runtime, whose cache
     * the Java network takes over (a prefix is one batched pass there, many row-by-row passes in Java);
     * single bytes run in Java.
     */
    private final class Steps implements Incremental {
        private final ReferenceModel.RefIncremental steps;

        Steps(ReferenceModel.RefIncremental steps) {
            this.steps = steps;
        }

        @Override
        public int batch() {
            return 1;
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
            Objects.requireNonNull(bytes, "bytes");
            if (bytes.length != 1 || bytes[0] == null) {
                throw new IllegalArgumentException("got " + bytes.length + " sequences, batch is 1");
            }
            OrtModel.Prefill pre = ort.prefill(bytes[0], off, n);
            steps.load(pre);
            return new int[][] {pre.logits()};
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
