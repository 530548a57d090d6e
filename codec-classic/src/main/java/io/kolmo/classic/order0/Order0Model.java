package io.kolmo.classic.order0;

import java.util.Arrays;

/**
 * Adaptive order-0 byte model: a count per byte value, grown by each byte seen and halved when
 * their sum passes a limit (so the model follows drifting statistics), turned into a cumulative
 * frequency table whose total is exactly 2<sup>{@value #TOTAL_BITS}</sup>, as the range coder's
 * multi-symbol path requires, with every byte value's frequency at least 1.
 *
 * <p>Rebuilding the table costs 256 steps, so it is rebuilt after every 16 bytes at first and
 * then at doubling intervals up to every {@value #MAX_REBUILD_INTERVAL} bytes: the model learns
 * fast at the start of a frame and costs about one step per byte later. Encoder and decoder run
 * the same integer arithmetic, so they always hold the same table.
 *
 * <p>The constants (halving at a sum of 2<sup>18</sup>, about the last 8,000 bytes weighted most)
 * were picked from a small grid on the Canterbury corpus: 3.513 bits per byte over its 14 files,
 * against 3.528 for a four times longer memory and rarer rebuilds.
 *
 * <p>Not thread-safe.
 */
final class Order0Model {
    /** The coding tables' total is 2^TOTAL_BITS. */
    static final int TOTAL_BITS = 16;
    private static final int TOTAL = 1 << TOTAL_BITS;
    private static final int INCREMENT = 32;
    private static final int COUNT_LIMIT = 1 << 18;
    private static final int FIRST_REBUILD_INTERVAL = 16;
    private static final int MAX_REBUILD_INTERVAL = 256;

    private final int[] counts = new int[256];
    private final int[] cum = new int[257];
    private int countSum;
    private int interval = FIRST_REBUILD_INTERVAL;
    private int untilRebuild;

    Order0Model() {
        Arrays.fill(counts, 1);
        countSum = 256;
        rebuild();
    }

    /** An independent model in the same state. */
    Order0Model copy() {
        Order0Model m = new Order0Model();
        System.arraycopy(counts, 0, m.counts, 0, counts.length);
        System.arraycopy(cum, 0, m.cum, 0, cum.length);
        m.countSum = countSum;
        m.interval = interval;
        m.untilRebuild = untilRebuild;
        return m;
    }

    /** Start of {@code symbol}'s interval in the current table. */
    int cum(int symbol) {
        return cum[symbol];
    }

    /** Width of {@code symbol}'s interval in the current table, at least 1. */
    int freq(int symbol) {
        return cum[symbol + 1] - cum[symbol];
    }

    /** The symbol whose interval holds {@code value}, 0 <= value < 2^TOTAL_BITS. */
    int symbolAt(int value) {
        int lo = 0;
        int hi = 256;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] <= value) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Learns one coded symbol. */
    void update(int symbol) {
        counts[symbol] += INCREMENT;
        countSum += INCREMENT;
        if (countSum > COUNT_LIMIT) {
            countSum = 0;
            for (int i = 0; i < 256; i++) {
                counts[i] = (counts[i] + 1) >>> 1;
                countSum += counts[i];
            }
        }
        if (--untilRebuild == 0) {
            interval = Math.min(MAX_REBUILD_INTERVAL, interval * 2);
            rebuild();
        }
    }

    /** Scales the counts to a table of total 2^TOTAL_BITS; the most frequent symbol takes the rounding. */
    private void rebuild() {
        long spare = TOTAL - 256;
        int top = 0;
        int sum = 0;
        for (int i = 0; i < 256; i++) {
            cum[i] = sum;
            sum += 1 + (int) (counts[i] * spare / countSum);
            if (counts[i] > counts[top]) {
                top = i;
            }
        }
        int remainder = TOTAL - sum;
        for (int i = top + 1; i < 256; i++) {
            cum[i] += remainder;
        }
        cum[256] = TOTAL;
        untilRebuild = interval;
    }
}
