package io.kolmo.model.hybrid;

import io.kolmo.classic.cm.BitModel;
import io.kolmo.classic.cm.History;
import io.kolmo.classic.cm.Logistic;
import io.kolmo.model.LogitCdf;

/**
 * The network's prediction as cm mixer inputs: each byte's logits become an integer frequency table
 * (through {@link LogitCdf}, summing to 2<sup>24</sup>), and each bit's probability is the share of
 * the one-subtree in the subtree the partial byte has reached. The mixer gets that probability
 * stretched, and once more as a linear input (its distance from one half), which lets the mixer
 * trust confident predictions more than a single stretched input would.
 *
 * <p>From hybrid format version 4 on it also chooses the weight set of a mixer of its own
 * ({@link BitModel#mixerContexts()}): one of {@value #SELECTOR_BUCKETS} buckets of its stretched bit
 * probability, so the mixer learns how far to trust each input, cm's and its own, at each level of the
 * network's belief (on the Canterbury texts with the default model about 0.7-0.8 % smaller output).
 *
 * <p>Integer arithmetic only. A byte without a prediction (the first of a frame) gives neutral
 * inputs. Not thread-safe.
 */
final class LogitBitModel implements BitModel {
    /** Number of model-confidence buckets {@link #confidence()} returns. */
    static final int CONFIDENCE_BUCKETS = 4;
    /** Weight sets of the mixer this model chooses for (format version 4). */
    static final int SELECTOR_BUCKETS = 16;

    private final LogitCdf cdf;
    private final History history;
    private final int[] freq = new int[256];
    /** {@code cum[i]}: frequencies of the symbols below {@code i}; {@code cum[256] = 2^24}. */
    private final int[] cum = new int[257];
    private boolean neutral = true;
    private int confidence;
    private int p16 = 32768;
    /** {@code Logistic.stretch(p16)}, kept for {@link #mixerContext()}. */
    private int stretched = Logistic.stretch(32768);
    /** {@link #SELECTOR_BUCKETS}, or 0 for the formats before version 4 (no mixer of its own). */
    private final int selectorBuckets;

    /**
     * @param selector whether to choose a mixer's weight set (hybrid format version 4 and later)
     */
    LogitBitModel(LogitCdf cdf, History history, boolean selector) {
        this.cdf = cdf;
        this.history = history;
        this.selectorBuckets = selector ? SELECTOR_BUCKETS : 0;
    }

    /** Sets the prediction of the next byte: {@code logits[off, off + 256)}. */
    void predictByte(int[] logits, int off) {
        int best = cdf.frequencies(logits, off, 256, freq);
        int sum = 0;
        for (int i = 0; i < 256; i++) {
            cum[i] = sum;
            sum += freq[i];
        }
        cum[256] = sum;
        int top = freq[best];
        // Buckets by the top symbol's probability: below 1/2, 1/2-7/8, 7/8-63/64, above.
        confidence = top < 1 << 23 ? 0 : top < 7 << 21 ? 1 : top < 63 << 18 ? 2 : 3;
        neutral = false;
    }

    /** The next byte has no prediction (the first byte of a frame). */
    void noPrediction() {
        neutral = true;
        confidence = 0;
    }

    /** How sure the model is of the current byte, 0..{@value #CONFIDENCE_BUCKETS}-1 (0 without a prediction). */
    int confidence() {
        return confidence;
    }

    /** The model's P(next bit is 1), 16-bit, as of the last {@link #predict} (32768 without a prediction). */
    int p() {
        return p16;
    }

    @Override
    public int inputs() {
        return 2;
    }

    @Override
    public void predict(int[] st, int at) {
        if (neutral) {
            p16 = 32768;
            stretched = Logistic.stretch(32768);
            st[at] = 0;
            st[at + 1] = 0;
            return;
        }
        int bits = history.bitCount();
        int size = 256 >> bits;
        int lo = (history.c0() ^ 1 << bits) * size;
        int hi = lo + size;
        int mid = lo + (size >> 1);
        int total = cum[hi] - cum[lo];
        int ones = cum[hi] - cum[mid];
        // Every symbol has a frequency of at least 1, so both halves are non-empty: 0 < p < 1.
        int p = (int) (((long) ones << 16) / total);
        p = Math.max(1, Math.min(65535, p));
        p16 = p;
        stretched = Logistic.stretch(p);
        st[at] = stretched;
        st[at + 1] = (p - 32768) >> 4;
    }

    @Override
    public int mixerContexts() {
        return selectorBuckets;
    }

    /** The stretched bit probability ([-2047, 2047]) in 16 equal buckets; 8 without a prediction. */
    @Override
    public int mixerContext() {
        return Math.max(0, Math.min(SELECTOR_BUCKETS - 1, (stretched + Logistic.LIMIT + 1) >> 8));
    }

    @Override
    public void update(int bit) {
        // The partial byte is read from the shared History at the next predict.
    }
}
