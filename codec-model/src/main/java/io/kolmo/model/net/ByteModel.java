package io.kolmo.model.net;

import java.io.IOException;

/**
 * A byte-level language model that outputs <em>integer</em> logits, identical on every backend
 * (ONNX Runtime on CPU or CUDA, the pure-Java reference): the network is specified over the integers
 * in {@code training/INTEGER_NETWORK.md}, so encoder and decoder always see the same numbers.
 *
 * <p>Logits are in units of {@link ModelInfo#logitScale()} nats (2^-8 for the default model):
 * {@code p(v) = softmax(logit * scale)[v]}. Row {@code t} of a window predicts byte {@code t + 1}.
 *
 * <p>A model is thread-safe: several threads may call {@link #forward} and open {@link Incremental}
 * evaluations at once. An {@link Incremental} itself is not thread-safe.
 */
public interface ByteModel extends AutoCloseable {
    /** Identity and shape of the model. */
    ModelInfo info();

    /** Short description of the backend in use, e.g. {@code "onnxruntime CPU, 2 threads"}. */
    String backend();

    /**
     * Full-window evaluation of a batch: the first {@code length} bytes of every array in
     * {@code windows} ({@code 1 <= length <= contextLength}; arrays may be longer and are then only
     * read up to {@code length}).
     *
     * @return {@code logits[b][t * 256 + v]} for {@code t < length}
     */
    int[][] forward(byte[][] windows, int length) throws IOException;

    /**
     * Full-window evaluation that returns only rows {@code first .. length - 1} of every window, the
     * same numbers as {@link #forward(byte[][], int)} gives there. A coder that slides windows reads
     * only each window's last rows; backends that can skip the work of the other rows do (ONNX
     * graphs with a {@code first} input, exported since session 8, leave out the last layer, final
     * norm and output layer of those rows), the others slice the full result.
     *
     * @param first the first row wanted, {@code 0 <= first < length}
     * @return {@code logits[b][(t - first) * 256 + v]} for {@code first <= t < length}
     */
    default int[][] forward(byte[][] windows, int length, int first) throws IOException {
        Feeds.checkFirst(first, length);
        int[][] all = forward(windows, length);
        if (first == 0) {
            return all;
        }
        int[][] out = new int[all.length][];
        for (int b = 0; b < all.length; b++) {
            out[b] = java.util.Arrays.copyOfRange(all[b], first * 256, length * 256);
        }
        return out;
    }

    /**
     * Opens an incremental evaluation (KV cache) for a batch of {@code batch} sequences, starting
     * empty at position 0.
     */
    Incremental incremental(int batch) throws IOException;

    /**
     * {@link #incremental(int)} whose steps may be shared by up to {@code threads} threads (the
     * caller's and helpers), for a caller that steps one batch alone with cores to spare (decoding a
     * single frame). A hint: backends that cannot split a step ignore it; the logits are the same.
     */
    default Incremental incremental(int batch, int threads) throws IOException {
        Feeds.checkThreads(threads);
        return incremental(batch);
    }

    /** Releases native resources. Idempotent. */
    @Override
    void close();

    /** Incremental evaluation of a batch of sequences that advance in lock-step. Not thread-safe. */
    interface Incremental extends AutoCloseable {
        /** Batch size. */
        int batch();

        /** Bytes fed so far to every sequence. */
        int position();

        /**
         * Feeds {@code n >= 1} more bytes to every sequence ({@code bytes[b][off, off + n)}); the
         * position after the call must not exceed the context length.
         *
         * @return {@code logits[b][v]} at the last fed position, i.e. the prediction of the next byte;
         *     the same numbers {@link ByteModel#forward} gives at that position
         */
        int[][] feed(byte[][] bytes, int off, int n) throws IOException;

        /** Empties the cache: the next {@link #feed} starts again at position 0. */
        void reset();

        /** Releases the cache. Idempotent. */
        @Override
        void close();
    }
}
