package io.kolmo.classic.cm;

/**
 * Adaptive probability map (secondary estimation): refines a probability given a context by
 * interpolating between 33 learned points along the stretched axis, so it can correct a model
 * that is systematically over- or under-confident in some contexts.
 *
 * <pre>{@code
 * Apm apm = new Apm(256, 7);
 * int p = apm.refine(st, c0);
 * ...code the bit...
 * apm.update(bit);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class Apm {
    private final int[] t;
    private final int rate;
    private int index;

    /**
     * @param contexts number of contexts
     * @param rate adaptation shift: each update moves a point by 1/2<sup>rate</sup> of its error
     */
    public Apm(int contexts, int rate) {
        this.t = new int[contexts * 33];
        this.rate = rate;
        for (int i = 0; i < 33; i++) {
            t[i] = Logistic.squash((i - 16) * 128) << 4;
        }
        for (int filled = 33; filled < t.length; filled *= 2) {
            System.arraycopy(t, 0, t, filled, Math.min(filled, t.length - filled));
        }
    }

    /**
     * Refines a prediction.
     *
     * @param st the prediction, stretched
     * @param context 0..contexts-1
     * @return the refined P(1), 16-bit (1..65535)
     */
    public int refine(int st, int context) {
        int s = Logistic.clamp(st) + 2048;
        int lo = s >> 7;
        int w = s & 127;
        int i = context * 33 + lo;
        index = w < 64 ? i : i + 1;
        int p = (t[i] * (128 - w) + t[i + 1] * w) >> 11;
        return Math.max(1, Math.min(65535, p));
    }

    /** Moves the point nearest the last refined input toward {@code bit}. */
    public void update(int bit) {
        int target = bit << 20;
        t[index] += (target - t[index]) >> rate;
    }
}
