package io.kolmo.classic.cm;

import static io.kolmo.classic.cm.ContextModel.ORDER1;
import static io.kolmo.classic.cm.ContextModel.ORDER2;
import static io.kolmo.classic.cm.ContextModel.ORDER3;
import static io.kolmo.classic.cm.ContextModel.ORDER4;
import static io.kolmo.classic.cm.ContextModel.ORDER5;
import static io.kolmo.classic.cm.ContextModel.ORDER12;
import static io.kolmo.classic.cm.ContextModel.ORDER6;
import static io.kolmo.classic.cm.ContextModel.RECORD;
import static io.kolmo.classic.cm.ContextModel.RECORD_COLUMN;
import static io.kolmo.classic.cm.ContextModel.SPARSE_1_3;
import static io.kolmo.classic.cm.ContextModel.SPARSE_2_3;
import static io.kolmo.classic.cm.ContextModel.WORD;
import static io.kolmo.classic.cm.ContextModel.WORD_PAIR;

/**
 * What a compression level means for cm: which contexts are modelled and how much memory the
 * tables may take. Level 1 is about twice as fast; each level up doubles the largest context table
 * (2 MiB at level 1, 512 MiB at level 9). Levels 1-2 model six contexts, 3-5 nine, 6-9
 * thirteen (adding order 5 and 12, a second sparse and two record contexts). Tables never grow beyond what the frame can fill, so
 * small inputs stay cheap at every level.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class CmLevel {
    /** The level used when none is given. */
    public static final int DEFAULT = 6;

    private static final int[] FAST = {ORDER1, ORDER2, ORDER3, ORDER4, ORDER6, WORD};
    private static final int[] MEDIUM = {ORDER1, ORDER2, ORDER3, ORDER4, ORDER6, WORD, WORD_PAIR, SPARSE_2_3, RECORD};
    private static final int[] FULL = {ORDER1, ORDER2, ORDER3, ORDER4, ORDER5, ORDER6, WORD, WORD_PAIR,
        SPARSE_2_3, SPARSE_1_3, RECORD, RECORD_COLUMN, ORDER12};

    private final int level;

    private CmLevel(int level) {
        this.level = level;
    }

    /** @param level 1..9 */
    public static CmLevel of(int level) {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("cm level must be 1..9: " + level);
        }
        return new CmLevel(level);
    }

    public int level() {
        return level;
    }

    /** The context kinds of {@link ContextModel}. */
    int[] contexts() {
        return (level <= 2 ? FAST : level <= 5 ? MEDIUM : FULL).clone();
    }

    /** log2 of the context table in bytes for a frame of {@code length} bytes. */
    int contextTableBits(int length) {
        return Math.min(20 + level, Math.max(16, log2Ceil(length) + 6));
    }

    /** log2 of the match model's position table for a frame of {@code length} bytes. */
    int matchTableBits(int length) {
        return Math.min(14 + level, Math.max(10, log2Ceil(length) + 1));
    }

    /** Approximate heap one encoder or decoder needs for a frame of {@code length} bytes. */
    public long memoryBytes(int length) {
        return (1L << contextTableBits(length)) + 4L * (1 << matchTableBits(length)) + 4L * 33 * 65536 + (1 << 20);
    }

    private static int log2Ceil(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
