package io.kolmo.model;

/**
 * Turns a model's integer logits into the integer frequency table the range coder needs, with
 * integer arithmetic only, so that encoder and decoder derive identical tables on any JVM and CPU
 * (the bit-exact rule: the network's logits are already integers).
 *
 * <p>A symbol's weight is {@code round(2^20 * exp(-(max - logit) * scale))}, read from a table
 * built once with {@link StrictMath#exp} (whose results the Java specification fixes bit for bit);
 * weights below one half round to zero. Frequencies are {@code 1 + floor(weight * (2^24 - n) /
 * sum)}, so every symbol keeps a frequency of at least 1 and the table sums to exactly
 * 2<sup>{@value #TOTAL_BITS}</sup>, the rounding remainder going to the most likely symbol.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class LogitCdf {
    /** Frequencies sum to 2^TOTAL_BITS. */
    public static final int TOTAL_BITS = 24;
    private static final int WEIGHT_BITS = 20;

    private final double scale;
    private final int[] weights;

    /**
     * @param scale natural-log units of one logit step (the model's logit scale)
     */
    public LogitCdf(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("logit scale must be positive: " + scale);
        }
        this.scale = scale;
        int size = (int) Math.min(1 << 20, Math.ceil((WEIGHT_BITS + 1) * Math.log(2) / scale) + 1);
        int[] w = new int[size];
        int n = 0;
        for (; n < size; n++) {
            long v = Math.round(StrictMath.exp(-n * scale) * (1 << WEIGHT_BITS));
            if (v == 0) {
                break;
            }
            w[n] = (int) v;
        }
        this.weights = java.util.Arrays.copyOf(w, n);
    }

    /** Natural-log units of one logit step. */
    public double scale() {
        return scale;
    }

    /**
     * Fills {@code freq[0, n)} from {@code logits[off, off + n)}.
     *
     * @return the index of the most likely symbol (the lowest index among equals)
     */
    public int frequencies(int[] logits, int off, int n, int[] freq) {
        int best = 0;
        int max = logits[off];
        for (int i = 1; i < n; i++) {
            if (logits[off + i] > max) {
                max = logits[off + i];
                best = i;
            }
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long d = (long) max - logits[off + i];
            int w = d < weights.length ? weights[(int) d] : 0;
            freq[i] = w;
            sum += w;
        }
        long budget = (1L << TOTAL_BITS) - n;
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            int f = 1 + (int) (freq[i] * budget / sum);
            freq[i] = f;
            assigned += f;
        }
        freq[best] += (int) ((1L << TOTAL_BITS) - assigned);
        return best;
    }
}
