package io.kolmo.model.net;

import java.util.Objects;

/** The argument checks every {@link ByteModel} backend shares, so they agree on what they refuse. */
final class Feeds {
    private Feeds() {
    }

    /**
     * The checks of {@link ByteModel.Incremental#feed}: one array per sequence of the batch, each holding
     * {@code off + n} bytes, and {@code n >= 1} more positions within the context.
     */
    static void check(byte[][] bytes, int batch, int position, int context, int off, int n) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != batch) {
            throw new IllegalArgumentException("got " + bytes.length + " sequences, batch is " + batch);
        }
        if (n < 1 || off < 0 || position + n > context) {
            throw new IllegalArgumentException("feeding " + n + " bytes at position " + position + " (context "
                    + context + ")");
        }
        for (byte[] b : bytes) {
            if (b == null || b.length - off < n) {
                throw new IllegalArgumentException("a sequence holds fewer than off + n bytes");
            }
        }
    }

    /** The check of {@link ByteModel#forward(byte[][], int, int)}'s first row. */
    static void checkFirst(int first, int length) {
        if (first < 0 || first >= length) {
            throw new IllegalArgumentException("first row " + first + " is outside 0.." + (length - 1));
        }
    }

    /** The thread hint of {@link ByteModel#incremental(int, int)}: at least 1. */
    static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads);
        }
    }
}
