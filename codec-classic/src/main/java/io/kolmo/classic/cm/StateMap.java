package io.kolmo.classic.cm;

/**
 * Adaptive probabilities, one per context: each learns P(1) from the bits coded in its context
 * with a rate of about 1/n that settles at 1/{@code limit}, so it starts fast and then averages.
 * Each entry packs a 22-bit probability and a 10-bit count into one int.
 *
 * <p>Not thread-safe.
 */
public final class StateMap {
    private static final int[] RECIPROCAL = new int[1024];

    static {
        for (int n = 0; n < RECIPROCAL.length; n++) {
            RECIPROCAL[n] = (int) ((65536L * 2) / (2 * n + 3));
        }
    }

    private final int[] t;
    private final int limit;

    /**
     * @param contexts number of contexts
     * @param limit largest count, 1..1023: the slowest rate is 1/(limit+1.5)
     */
    public StateMap(int contexts, int limit) {
        if (limit < 1 || limit > 1023) {
            throw new IllegalArgumentException("limit must be 1..1023: " + limit);
        }
        this.t = new int[contexts];
        this.limit = limit;
        java.util.Arrays.fill(t, 1 << 31);
    }

    /** A map over bit-history states: {@code groups} blocks of 256, each primed from the states' counts. */
    public static StateMap forBitHistories(int groups, int limit) {
        StateMap m = new StateMap(groups * 256, limit);
        for (int i = 0; i < m.t.length; i++) {
            m.t[i] = BitHistory.initialProbability(i & 255) << 16;
        }
        return m;
    }

    /** P(1) in context {@code cx}, 16-bit (0..65535). */
    public int p(int cx) {
        return t[cx] >>> 16;
    }

    /** Learns {@code bit} in context {@code cx}. */
    public void update(int cx, int bit) {
        int v = t[cx];
        int n = v & 1023;
        int p = v >>> 10;
        p += (int) (((long) ((bit << 22) - p) * RECIPROCAL[n]) >> 16);
        t[cx] = p << 10 | (n < limit ? n + 1 : n);
    }
}
