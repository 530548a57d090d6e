package io.kolmo.classic.cm;

import java.util.Arrays;

/**
 * A gated logistic mixer: combines any number of stretched predictions by a weighted sum whose
 * weights are chosen by a small context and trained online to lower coding cost. Fixed point:
 * weights have 16 fraction bits, inputs and output are stretched values (see {@link Logistic}).
 *
 * <pre>{@code
 * Mixer m = new Mixer(inputs, 256, 6);
 * int st = m.mix(x, c0);        // stretched mixed prediction
 * ...code the bit...
 * m.update(x, bit);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class Mixer {
    /** Weights stay below 8.0 in magnitude, so that dot products fit an int. */
    private static final int WEIGHT_LIMIT = (1 << 19) - 1;

    private final int inputs;
    private final int[] weights;
    private final int rate;
    private int base;
    private int p16;

    /**
     * @param inputs number of inputs
     * @param contexts number of weight sets
     * @param rate learning rate, 1 (slow) to about 32 (fast)
     */
    public Mixer(int inputs, int contexts, int rate) {
        this(inputs, contexts, rate, (1 << 16) / Math.max(1, inputs / 2));
    }

    /**
     * @param initialWeight every weight's start value, 65536 meaning 1.0
     */
    public Mixer(int inputs, int contexts, int rate, int initialWeight) {
        this.inputs = inputs;
        this.weights = new int[inputs * contexts];
        this.rate = rate;
        Arrays.fill(weights, initialWeight);
    }

    public int inputs() {
        return inputs;
    }

    /**
     * Mixes {@code x[0..inputs)} with the weight set of {@code context}.
     *
     * @return the mixed prediction, stretched and clamped
     */
    public int mix(int[] x, int context) {
        int b = context * inputs;
        int[] w = weights;
        int n = inputs;
        // Int-only so the loop vectorises: |x| <= 2047 and |w| < 2^19 keep each product below 2^30.
        int dot = 0;
        for (int i = 0; i < n; i++) {
            dot += x[i] * w[b + i] >> 10;
        }
        base = b;
        int st = Logistic.clamp(dot >> 6);
        p16 = Logistic.squash(st);
        return st;
    }

    /** The last mixed prediction as a 16-bit probability. */
    public int p() {
        return p16;
    }

    /** Moves the weights used by the last {@link #mix} toward a lower cost for {@code bit}. */
    public void update(int[] x, int bit) {
        int err = (((bit << 16) - p16) >> 4) * rate;
        int b = base;
        int[] w = weights;
        int n = inputs;
        for (int i = 0; i < n; i++) {
            int v = w[b + i] + ((x[i] * err + (1 << 13)) >> 14);
            w[b + i] = Math.max(-WEIGHT_LIMIT, Math.min(WEIGHT_LIMIT, v));
        }
    }
}
