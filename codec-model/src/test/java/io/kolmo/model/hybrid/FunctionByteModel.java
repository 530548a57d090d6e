package io.kolmo.model.hybrid;

import io.kolmo.model.net.ByteModel;
import io.kolmo.model.net.ModelInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A deterministic test double of {@link ByteModel}: the logits at position {@code t} are a pure
 * function of the sequence's bytes {@code 0..t}, so full-window and incremental evaluation agree by
 * construction. Enforces the contract's bounds (window lengths, positions) so that a codec that
 * breaks them fails loudly. Thread-safe; its incremental evaluations are not.
 */
abstract class FunctionByteModel implements ByteModel {
    private final ModelInfo info;

    FunctionByteModel(String name, int contextLength) {
        this.info = new ModelInfo(sha256(name), contextLength, 1.0 / 256, Double.NaN);
    }

    /** Writes the 256 logits predicting {@code seq[t + 1]} from {@code seq[0..t]} to {@code out[off..]}. */
    abstract void logits(byte[] seq, int t, int[] out, int off);

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public String backend() {
        return "test double";
    }

    @Override
    public int[][] forward(byte[][] windows, int length) {
        if (length < 1 || length > info.contextLength()) {
            throw new IllegalArgumentException("window length " + length);
        }
        int[][] out = new int[windows.length][length * 256];
        for (int b = 0; b < windows.length; b++) {
            for (int t = 0; t < length; t++) {
                logits(windows[b], t, out[b], t * 256);
            }
        }
        return out;
    }

    @Override
    public Incremental incremental(int batch) {
        return new Incremental() {
            private final byte[][] seq = new byte[batch][info.contextLength()];
            private int pos;

            @Override
            public int batch() {
                return batch;
            }

            @Override
            public int position() {
                return pos;
            }

            @Override
            public int[][] feed(byte[][] bytes, int off, int n) {
                if (n < 1 || pos + n > info.contextLength()) {
                    throw new IllegalStateException("feeding " + n + " bytes at position " + pos);
                }
                int[][] out = new int[batch][256];
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(bytes[b], off, seq[b], pos, n);
                    logits(seq[b], pos + n - 1, out[b], 0);
                }
                pos += n;
                return out;
            }

            @Override
            public void reset() {
                pos = 0;
                for (byte[] s : seq) {
                    Arrays.fill(s, (byte) 0);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
    }

    static byte[] sha256(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Order-1 counts within the window so far: a weak model that knows nothing beforehand. */
    static FunctionByteModel orderOne(int contextLength) {
        return new FunctionByteModel("order-1 counts, context " + contextLength, contextLength) {
            @Override
            void logits(byte[] seq, int t, int[] out, int off) {
                int prev = seq[t] & 0xFF;
                int[] counts = new int[256];
                for (int i = 1; i <= t; i++) {
                    if ((seq[i - 1] & 0xFF) == prev) {
                        counts[seq[i] & 0xFF]++;
                    }
                }
                for (int v = 0; v < 256; v++) {
                    out[off + v] = 128 * Math.min(counts[v], 24);
                }
            }
        };
    }

    /**
     * A model that knows {@code text} by heart: after twelve bytes that occur once in it, a strong
     * logit (ten nats) for the byte that follows them there; otherwise no opinion.
     */
    static FunctionByteModel knowing(byte[] text, int contextLength) {
        java.util.HashMap<Long, Integer> next = new java.util.HashMap<>();
        for (int end = KNOWN_CONTEXT; end < text.length; end++) {
            next.merge(key(text, end - 1), text[end] & 0xFF, (a, b) -> a.equals(b) ? a : -1);
        }
        return new FunctionByteModel("knows " + Arrays.hashCode(text) + ", context " + contextLength, contextLength) {
            @Override
            void logits(byte[] seq, int t, int[] out, int off) {
                Arrays.fill(out, off, off + 256, 0);
                Integer v = t + 1 >= KNOWN_CONTEXT ? next.get(key(seq, t)) : null;
                if (v != null && v >= 0) {
                    out[off + v] = 10 * 256;
                }
            }
        };
    }

    private static final int KNOWN_CONTEXT = 12;

    /** Hash of the {@value #KNOWN_CONTEXT} bytes ending at {@code last}. */
    private static long key(byte[] s, int last) {
        long x = 0;
        for (int i = last - KNOWN_CONTEXT + 1; i <= last; i++) {
            x = (x + (s[i] & 0xFF) + 1) * 0x9E3779B97F4A7C15L;
        }
        return x;
    }
}
