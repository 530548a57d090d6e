package io.kolmo.model.codec;

import io.kolmo.model.net.ByteModel;
import io.kolmo.model.net.ModelInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic test double of {@link ByteModel}: integer logits from order-1..3 counts of the
 * bytes fed so far inside the window, plus a small prior for text. {@link #forward} and
 * {@link Incremental#feed} compute the same function of the same bytes, so they agree by
 * construction, as the real models must.
 */
final class CountingByteModel implements ByteModel {
    /** {@code LOG[n] = round(64 ln(1 + n))}; n stays below 21 * 256. */
    private static final int[] LOG = new int[21 * 256];

    static {
        for (int n = 0; n < LOG.length; n++) {
            LOG[n] = (int) Math.round(64 * StrictMath.log(1 + n));
        }
    }

    private final ModelInfo info;
    final AtomicInteger forwardCalls = new AtomicInteger();
    final AtomicInteger largestForwardBatch = new AtomicInteger();
    final AtomicInteger largestIncrementalBatch = new AtomicInteger();

    CountingByteModel(int context, String name) {
        this.info = new ModelInfo(sha256("counting-model/" + name + "/" + context), context, 1.0 / 64, Double.NaN);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public String backend() {
        return "test counting model";
    }

    /** Logits of row {@code t} of window {@code w} (the prediction of byte {@code t + 1}). */
    static void logitsAt(byte[] w, int t, int[] out, int off) {
        int[] c1 = new int[256];
        int[] c2 = new int[256];
        int[] c3 = new int[256];
        int a = w[t];
        for (int j = 1; j <= t; j++) {
            if (w[j - 1] == a) {
                int v = w[j] & 0xFF;
                c1[v]++;
                if (j >= 2 && t >= 1 && w[j - 2] == w[t - 1]) {
                    c2[v]++;
                    if (j >= 3 && t >= 2 && w[j - 3] == w[t - 2]) {
                        c3[v]++;
                    }
                }
            }
        }
        for (int v = 0; v < 256; v++) {
            int prior = v == ' ' || (v >= 'a' && v <= 'z') ? 192 : v >= 32 && v < 127 ? 64 : 0;
            // About a PPM blend: p(v) ~ prior * (1 + c1 + 4 c2 + 16 c3), in steps of 1/64 nat.
            out[off + v] = prior + LOG[c1[v] + 4 * c2[v] + 16 * c3[v]];
        }
    }

    @Override
    public int[][] forward(byte[][] windows, int length) {
        if (length < 1 || length > info.contextLength()) {
            throw new IllegalArgumentException("length " + length);
        }
        forwardCalls.incrementAndGet();
        largestForwardBatch.accumulateAndGet(windows.length, Math::max);
        int[][] logits = new int[windows.length][length * 256];
        for (int b = 0; b < windows.length; b++) {
            for (int t = 0; t < length; t++) {
                logitsAt(windows[b], t, logits[b], t * 256);
            }
        }
        return logits;
    }

    @Override
    public Incremental incremental(int batch) {
        largestIncrementalBatch.accumulateAndGet(batch, Math::max);
        int context = info.contextLength();
        return new Incremental() {
            private final byte[][] fed = new byte[batch][context];
            private int position;
            private boolean closed;

            @Override
            public int batch() {
                return batch;
            }

            @Override
            public int position() {
                return position;
            }

            @Override
            public int[][] feed(byte[][] bytes, int off, int n) {
                if (closed) {
                    throw new IllegalStateException("closed");
                }
                if (n < 1 || position + n > context || bytes.length != batch) {
                    throw new IllegalArgumentException("feed " + n + " at " + position + " of " + context
                            + " for " + bytes.length + " sequences");
                }
                int[][] logits = new int[batch][256];
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(bytes[b], off, fed[b], position, n);
                    logitsAt(fed[b], position + n - 1, logits[b], 0);
                }
                position += n;
                return logits;
            }

            @Override
            public void reset() {
                position = 0;
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    @Override
    public void close() {
    }
}
