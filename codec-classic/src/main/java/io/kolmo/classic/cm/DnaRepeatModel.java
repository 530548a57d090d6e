package io.kolmo.classic.cm;

/**
 * Long repeats in DNA text, forward and as reverse complements. In DNA (bytes {@code a c g t}, either
 * case) the last six bytes recur everywhere by chance, so {@link MatchModel} keeps finding short
 * random matches; real repeats are long, and half of them appear reversed with each base replaced
 * by its complement (a-t, c-g), because either strand of the molecule may carry them. This model
 * keys the last {@value #K} bases, two bits each, exactly, and follows two candidates: a forward
 * repeat (the bases that followed the same {@value #K} bases earlier) and an inverted repeat (the
 * complements of the bases that preceded the reverse complement of the last {@value #K} bases,
 * read backwards). Repeats in genomes carry point mutations, so a candidate survives a mispredicted
 * base (it goes quiet for the rest of that byte) and is only dropped after more than
 * {@value #MAX_MISSES} misses in its last 16 bytes; a new candidate is looked up whenever the
 * current one just missed.
 *
 * <p>Inputs, for each of the two: the prediction learned per recent miss count, match length and
 * expected bit, and the expected bit with a strength growing with the length and falling with the
 * misses; 0 when there is no candidate, which is always the case outside runs of at least
 * {@value #K} bases. Not thread-safe.
 */
public final class DnaRepeatModel implements BitModel {
    /** Bases keyed (two bits each: one int). */
    static final int K = 16;
    /** Longest backward comparison when a candidate starts. */
    private static final int MAX_VERIFY = 32;
    private static final int MAX_LEN = 65535;
    /** A candidate that mispredicted more than this many of the last 16 bytes is dropped. */
    private static final int MAX_MISSES = 8;
    /** Base code 0..3 of a byte (a, c, g, t in either case), -1 for anything else. */
    private static final byte[] CODE = new byte[256];
    /** The complement of a base byte, case kept; 0 for other bytes. */
    private static final byte[] COMPLEMENT = new byte[256];

    static {
        java.util.Arrays.fill(CODE, (byte) -1);
        String bases = "acgt";
        for (int i = 0; i < 4; i++) {
            char lower = bases.charAt(i);
            char upper = Character.toUpperCase(lower);
            CODE[lower] = (byte) i;
            CODE[upper] = (byte) i;
            COMPLEMENT[lower] = (byte) bases.charAt(3 - i);
            COMPLEMENT[upper] = (byte) Character.toUpperCase(bases.charAt(3 - i));
        }
    }

    private final History h;
    private final byte[] buf;
    private final int start;
    private final int[] table;
    private final int shift;
    /** Per candidate (0 forward, 1 inverted), miss count and length bucket, expected bit. */
    private final StateMap sm = new StateMap(2 * 4 * 64 * 2, 1023);
    /** Consecutive base bytes up to the current position. */
    private int run;
    /** The last K bases, oldest in the high bits. */
    private int forward;
    /** Their reverse complement, as the forward key of the strand that would carry it. */
    private int reverse;
    /** Per candidate: where its next byte comes from (forward: read there; inverted: complement). */
    private final int[] ptr = new int[2];
    /** Per candidate: bytes followed so far, 0 when there is none. */
    private final int[] len = new int[2];
    /** Per candidate: one bit per byte followed, 1 where it mispredicted, newest lowest. */
    private final int[] misses = new int[2];
    /** Per candidate: whether it mispredicted a bit of the current byte (silent for the rest of it). */
    private final boolean[] missed = new boolean[2];
    private final int[] expected = new int[2];
    private final int[] cx = {-1, -1};

    /**
     * @param history the shared history
     * @param tableBits log2 of the number of remembered positions
     */
    public DnaRepeatModel(History history, int tableBits) {
        this.h = history;
        this.buf = history.buffer();
        this.start = history.start();
        this.table = new int[1 << tableBits];
        this.shift = 32 - tableBits;
    }

    @Override
    public int inputs() {
        return 4;
    }

    @Override
    public void predict(int[] st, int at) {
        int bits = h.bitCount();
        for (int k = 0; k < 2; k++) {
            int o = at + 2 * k;
            if (len[k] == 0 || missed[k]) {
                cx[k] = -1;
                st[o] = 0;
                st[o + 1] = 0;
                continue;
            }
            int b = buf[ptr[k]] & 0xFF;
            int e = (k == 0 ? b : COMPLEMENT[b] & 0xFF) >>> (7 - bits) & 1;
            int recent = Math.min(3, Integer.bitCount(misses[k] & 0xFF));
            expected[k] = e;
            cx[k] = ((k << 2 | recent) << 6 | bucket(len[k])) << 1 | e;
            st[o] = Logistic.stretch(sm.p(cx[k]));
            int strength = (Math.min(len[k], 32) << 5) >> recent;
            st[o + 1] = e == 1 ? strength : -strength;
        }
    }

    private static int bucket(int len) {
        return len < 32 ? len : Math.min(63, 32 + ((len - 32) >> 4));
    }

    @Override
    public void update(int bit) {
        for (int k = 0; k < 2; k++) {
            if (cx[k] >= 0) {
                sm.update(cx[k], bit);
                missed[k] |= bit != expected[k];
            }
        }
        if (h.bitCount() != 0) {
            return;
        }
        int pos = h.pos();
        int code = CODE[h.c4() & 0xFF];
        if (code < 0) {
            run = 0;
            len[0] = 0;
            len[1] = 0;
            missed[0] = false;
            missed[1] = false;
            return;
        }
        run++;
        forward = forward << 2 | code;
        reverse = reverse >>> 2 | (3 - code) << 30;
        // Follow both candidates through single substitutions; drop one that misses too often.
        for (int k = 0; k < 2; k++) {
            if (len[k] == 0) {
                continue;
            }
            misses[k] = misses[k] << 1 | (missed[k] ? 1 : 0);
            missed[k] = false;
            int next = k == 0 ? ptr[k] + 1 : ptr[k] - 1;
            if (Integer.bitCount(misses[k] & 0xFFFF) > MAX_MISSES || next < start || next >= pos
                    || CODE[buf[next] & 0xFF] < 0) {
                len[k] = 0;
            } else {
                ptr[k] = next;
                len[k] = Math.min(MAX_LEN, len[k] + 1);
            }
        }
        if (run < K) {
            return;
        }
        int slot = forward * 0x9E3779B1 >>> shift;
        // Look for a new candidate where there is none or the current one just missed.
        if (len[0] == 0 || (misses[0] & 1) != 0) {
            int cand = table[slot];
            if (cand > start) {
                int n = h.matchingBefore(cand, MAX_VERIFY);
                if (n >= K) {
                    len[0] = n;
                    ptr[0] = cand;
                    misses[0] = 0;
                }
            }
        }
        if (len[1] == 0 || (misses[1] & 1) != 0) {
            // The K bases ending at cand read, forward, as the reverse complement of ours.
            int cand = table[reverse * 0x9E3779B1 >>> shift];
            int first = cand - K;
            if (cand > start && first - 1 >= start) {
                int n = 0;
                while (n < MAX_VERIFY && first + n < pos - n - 1
                        && buf[first + n] == COMPLEMENT[buf[pos - n - 1] & 0xFF] && buf[first + n] != 0) {
                    n++;
                }
                if (n >= K && CODE[buf[first - 1] & 0xFF] >= 0) {
                    len[1] = n;
                    ptr[1] = first - 1;
                    misses[1] = 0;
                }
            }
        }
        table[slot] = pos;
    }
}
