package io.kolmo.classic.cm;

/**
 * Long repeats in DNA text, forward and as reverse complements. In DNA (bytes {@code a c g t}, either
 * case) the last six bytes recur everywhere by chance, so {@link MatchModel} keeps finding short
 * random matches; real repeats are long, and half of them appear reversed with each base replaced
 * by its complement (a-t, c-g), because either strand of the molecule may carry them. This model
 * keys the last {@value #K} bases, two bits each, exactly, and follows two candidates: a forward
 * repeat (the bases that followed the same {@value #K} bases earlier) and an inverted repeat (the
 * complements of the bases that preceded the reverse complement of the last {@value #K} bases,
 * read backwards).
 *
 * <p>Inputs, for each of the two: the prediction learned per match length and expected bit, and
 * the expected bit with a strength growing with the length; 0 when there is no candidate, which is
 * always the case outside runs of at least {@value #K} bases. Not thread-safe.
 */
public final class DnaRepeatModel implements BitModel {
    /** Bases keyed (two bits each: one int). */
    static final int K = 16;
    /** Longest backward comparison when a candidate starts. */
    private static final int MAX_VERIFY = 32;
    private static final int MAX_LEN = 65535;
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
    private final StateMap sm = new StateMap(2 * 64 * 2, 1023);
    /** Consecutive base bytes up to the current position. */
    private int run;
    /** The last K bases, oldest in the high bits. */
    private int forward;
    /** Their reverse complement, as the forward key of the strand that would carry it. */
    private int reverse;
    private int ptrF;
    private int lenF;
    private int ptrR;
    private int lenR;
    private int expectedF;
    private int expectedR;
    private int cxF = -1;
    private int cxR = -1;

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
        if (lenF > 0) {
            expectedF = (buf[ptrF] & 0xFF) >>> (7 - bits) & 1;
            cxF = bucket(lenF) << 1 | expectedF;
            st[at] = Logistic.stretch(sm.p(cxF));
            int strength = Math.min(lenF, 32) << 5;
            st[at + 1] = expectedF == 1 ? strength : -strength;
        } else {
            cxF = -1;
            st[at] = 0;
            st[at + 1] = 0;
        }
        if (lenR > 0) {
            expectedR = (COMPLEMENT[buf[ptrR] & 0xFF] & 0xFF) >>> (7 - bits) & 1;
            cxR = 128 + (bucket(lenR) << 1 | expectedR);
            st[at + 2] = Logistic.stretch(sm.p(cxR));
            int strength = Math.min(lenR, 32) << 5;
            st[at + 3] = expectedR == 1 ? strength : -strength;
        } else {
            cxR = -1;
            st[at + 2] = 0;
            st[at + 3] = 0;
        }
    }

    private static int bucket(int len) {
        return len < 32 ? len : Math.min(63, 32 + ((len - 32) >> 4));
    }

    @Override
    public void update(int bit) {
        if (cxF >= 0) {
            sm.update(cxF, bit);
            if (bit != expectedF) {
                lenF = 0;
            }
        }
        if (cxR >= 0) {
            sm.update(cxR, bit);
            if (bit != expectedR) {
                lenR = 0;
            }
        }
        if (h.bitCount() != 0) {
            return;
        }
        int pos = h.pos();
        int code = CODE[h.c4() & 0xFF];
        if (code < 0) {
            run = 0;
            lenF = 0;
            lenR = 0;
            return;
        }
        run++;
        forward = forward << 2 | code;
        reverse = reverse >>> 2 | (3 - code) << 30;
        if (lenF > 0) {
            ptrF++;
            if (lenF < MAX_LEN) {
                lenF++;
            }
        }
        if (lenR > 0) {
            ptrR--;
            if (ptrR < start || CODE[buf[ptrR] & 0xFF] < 0) {
                lenR = 0;
            } else if (lenR < MAX_LEN) {
                lenR++;
            }
        }
        if (run < K) {
            return;
        }
        int slot = forward * 0x9E3779B1 >>> shift;
        if (lenF == 0) {
            int cand = table[slot];
            if (cand > start) {
                int n = 0;
                while (n < MAX_VERIFY && cand - n > start && buf[cand - n - 1] == buf[pos - n - 1]) {
                    n++;
                }
                if (n >= K) {
                    lenF = n;
                    ptrF = cand;
                }
            }
        }
        if (lenR == 0) {
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
                    lenR = n;
                    ptrR = first - 1;
                }
            }
        }
        table[slot] = pos;
    }
}
