package io.kolmo.classic.cm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bit history in one byte: the counts of zeros and ones seen in a context, bounded so that every
 * reachable pair has a state number below 256. When a bit arrives and the opposite count is above
 * two, that count is roughly halved, so old evidence fades and the state says how recent and how
 * one-sided the history is. A {@link StateMap} learns what each state predicts.
 *
 * <p>States are numbered by total count (state 0 is "never seen"), so a larger number means more
 * evidence: hash tables use it as the priority of a slot. The table is built at class
 * initialisation by integer rules. Stateless and thread-safe.
 */
public final class BitHistory {
    /** Largest count of one bit, by the count of the other bit (index capped at the last entry). */
    private static final int[] LIMIT = {50, 36, 17, 10, 7, 5, 4};

    /** {@code NEXT[state * 2 + bit]}: the state after seeing {@code bit}. */
    private static final byte[] NEXT;
    /** Zero and one counts of each state. */
    private static final int[] N0;
    private static final int[] N1;
    /** Number of states in use. */
    static final int STATES;

    static {
        List<int[]> states = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        states.add(new int[] {0, 0});
        seen.put(0, 0);
        for (int i = 0; i < states.size(); i++) {
            for (int bit = 0; bit < 2; bit++) {
                int[] s = step(states.get(i), bit);
                if (seen.putIfAbsent(s[0] << 8 | s[1], states.size()) == null) {
                    states.add(s);
                }
            }
        }
        if (states.size() > 256) {
            throw new ExceptionInInitializerError("bit history needs " + states.size() + " states");
        }
        // Renumber by total count, then by ones, so numbers grow with evidence.
        int[][] sorted = states.toArray(new int[0][]);
        Arrays.sort(sorted, (a, b) -> a[0] + a[1] != b[0] + b[1] ? (a[0] + a[1]) - (b[0] + b[1]) : a[1] - b[1]);
        Map<Integer, Integer> number = new HashMap<>();
        for (int i = 0; i < sorted.length; i++) {
            number.put(sorted[i][0] << 8 | sorted[i][1], i);
        }
        STATES = sorted.length;
        NEXT = new byte[512];
        N0 = new int[256];
        N1 = new int[256];
        for (int i = 0; i < sorted.length; i++) {
            N0[i] = sorted[i][0];
            N1[i] = sorted[i][1];
            for (int bit = 0; bit < 2; bit++) {
                int[] s = step(sorted[i], bit);
                NEXT[i * 2 + bit] = (byte) (int) number.get(s[0] << 8 | s[1]);
            }
        }
    }

    private BitHistory() {
    }

    private static int[] step(int[] s, int bit) {
        int same = s[bit] + 1;
        int other = s[1 - bit];
        if (other > 2) {
            other = other / 2 + 1;
        }
        same = Math.min(same, LIMIT[Math.min(other, LIMIT.length - 1)]);
        int[] r = new int[2];
        r[bit] = same;
        r[1 - bit] = other;
        return r;
    }

    /** The state after {@code state} sees {@code bit}. */
    public static int next(int state, int bit) {
        return NEXT[state << 1 | bit] & 0xFF;
    }

    /** Count of zeros a state stands for. */
    public static int zeros(int state) {
        return N0[state];
    }

    /** Count of ones a state stands for. */
    public static int ones(int state) {
        return N1[state];
    }

    /** A first guess of P(1) for a state, 16-bit, before anything was learned. */
    public static int initialProbability(int state) {
        return (int) (((2L * N1[state] + 1) << 16) / (2L * (N0[state] + N1[state]) + 2));
    }
}
