package io.kolmo.classic.cm;

/**
 * Predicts the next bit from the longest earlier repeat: a hash of the last {@value #MIN_LEN}
 * bytes points to where they last occurred; while the bytes that followed there keep matching,
 * their bits are the prediction, with a confidence learned per match length. Long repeats cost
 * almost nothing.
 *
 * <p>Inputs: the learned prediction, and the expected bit with a fixed strength that grows with
 * the length (0 for both when there is no match). Not thread-safe.
 */
public final class MatchModel implements BitModel {
    /** Bytes hashed to find a match. */
    static final int MIN_LEN = 6;
    private static final int MAX_LEN = 65535;
    /** Longest backward comparison when a match starts: bounds the work per byte. */
    private static final int MAX_VERIFY = 64;

    private final History h;
    private final byte[] buf;
    private final int start;
    private final int[] table;
    private final int mask;
    private final StateMap sm = new StateMap(64 * 2, 1023);
    private int ptr;
    private int len;
    private int expected;
    private int cx = -1;

    /**
     * @param history the shared history
     * @param tableBits log2 of the number of remembered positions
     */
    public MatchModel(History history, int tableBits) {
        this.h = history;
        this.buf = history.buffer();
        this.start = history.start();
        this.table = new int[1 << tableBits];
        this.mask = (1 << tableBits) - 1;
    }

    @Override
    public int inputs() {
        return 2;
    }

    /** Current match length in bytes, 0 if none (or the match failed in this byte). */
    public int length() {
        return len;
    }

    /** The bit the match predicts, valid when {@link #length()} is positive. */
    public int expectedBit() {
        return expected;
    }

    @Override
    public void predict(int[] st, int at) {
        if (len > 0) {
            expected = (buf[ptr] & 0xFF) >>> (7 - h.bitCount()) & 1;
            int bucket = len < 16 ? len : Math.min(63, 12 + 4 * (31 - Integer.numberOfLeadingZeros(len)) / 2);
            cx = bucket << 1 | expected;
            st[at] = Logistic.stretch(sm.p(cx));
            int strength = Math.min(len, 32) << 6;
            st[at + 1] = expected == 1 ? strength : -strength;
        } else {
            cx = -1;
            st[at] = 0;
            st[at + 1] = 0;
        }
    }

    @Override
    public void update(int bit) {
        if (cx >= 0) {
            sm.update(cx, bit);
            if (bit != expected) {
                len = 0;
            }
        }
        if (h.bitCount() != 0) {
            return;
        }
        int pos = h.pos();
        if (len > 0) {
            ptr++;
            if (len < MAX_LEN) {
                len++;
            }
        }
        if (pos - start < MIN_LEN) {
            return;
        }
        int c4 = h.c4();
        int x = (c4 * 0x9E3779B1 + (h.c8() & 0xFFFF) * 0x85EBCA77);
        x ^= x >>> 15;
        x *= 0x2C1B3C6D;
        x ^= x >>> 13;
        int slot = x & mask;
        if (len == 0) {
            int cand = table[slot];
            if (cand > start) {
                int n = h.matchingBefore(cand, MAX_VERIFY);
                if (n > 0) {
                    len = n;
                    ptr = cand;
                }
            }
        }
        table[slot] = pos;
    }
}
