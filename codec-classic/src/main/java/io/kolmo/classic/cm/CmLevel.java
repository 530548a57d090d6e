package io.kolmo.classic.cm;

import static io.kolmo.classic.cm.ContextModel.ALIGNED_2;
import static io.kolmo.classic.cm.ContextModel.COLUMN;
import static io.kolmo.classic.cm.ContextModel.INDIRECT_1;
import static io.kolmo.classic.cm.ContextModel.INDIRECT_2;
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
import static io.kolmo.classic.cm.ContextModel.SPARSE_4_8;
import static io.kolmo.classic.cm.ContextModel.WORD;
import static io.kolmo.classic.cm.ContextModel.WORD_PAIR;
import static io.kolmo.classic.cm.ContextModel.WORD_SKIP;
import static io.kolmo.classic.cm.ContextModel.WORD_TRIPLE;

/**
 * What a compression level means for cm: which contexts are modelled, how they are mixed and how
 * much memory the tables may take. Each level up doubles the largest context table (2 MiB at level
 * 1, 512 MiB at level 9). Levels 1-2 model seven contexts (orders 1-4 and 6, word, record) and
 * levels 3-5 ten (adding the word pair, a second record context and the bytes 4 and 8 back, for
 * machine code and tables of 32-bit words), each with one mixer whose weights are chosen by the
 * partial byte and the match length. Levels 6-9 model twenty (adding order 5 and 12, two sparse
 * contexts, the position in a 32-bit word, two more word contexts, two indirect contexts and the
 * column with the byte above it), give each context a second input for one-sided histories, add the
 * {@link DnaRepeatModel}, and mix with four mixers, a final mixer and a second APM: about 5% smaller
 * output than level 4 on the Canterbury corpus, at about a quarter of the speed. Tables never grow
 * beyond what the frame can fill, so small inputs stay cheap at every level.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class CmLevel {
    /**
     * The level used when none is given: ten contexts, one mixer, a context table of up to
     * 16 MiB. On the Canterbury corpus it is about 1.6 times as fast as level 6 and its output about
     * 2% larger; level 3 (8 MiB) is a little faster and a little larger on big inputs.
     */
    public static final int DEFAULT = 4;

    private static final int[] FAST = {ORDER1, ORDER2, ORDER3, ORDER4, ORDER6, WORD, RECORD};
    private static final int[] MEDIUM = {ORDER1, ORDER2, ORDER3, ORDER4, ORDER6, WORD, WORD_PAIR, RECORD,
        RECORD_COLUMN, SPARSE_4_8};
    private static final int[] FULL = {ORDER1, ORDER2, ORDER3, ORDER4, ORDER5, ORDER6, WORD, WORD_PAIR,
        SPARSE_2_3, SPARSE_1_3, RECORD, RECORD_COLUMN, SPARSE_4_8, ALIGNED_2, ORDER12, WORD_SKIP, WORD_TRIPLE,
        INDIRECT_1, INDIRECT_2, COLUMN};

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

    /**
     * Whether the slow levels' models and mixing are used: run inputs per context, the DNA repeat
     * model, three more mixers (weights chosen by the match state, the last byte and the last two
     * bytes) and a final mixer, with an APM by partial byte and order-2 hash besides the one by last
     * byte.
     */
    public boolean fullModels() {
        return level >= 6;
    }

    /** Most frames one decoder decodes side by side at levels 1-5: each holds its own tables. */
    public static final int MAX_PARALLEL_FRAMES = 4;

    /**
     * How many frames one decoder may decode at once: one per available core, at most
     * {@value #MAX_PARALLEL_FRAMES}, and one at levels 6-9, whose tables are far larger (up to
     * 512 MiB).
     */
    public int parallelFrames() {
        return fullModels() ? 1 : Math.max(1, Math.min(MAX_PARALLEL_FRAMES, Runtime.getRuntime().availableProcessors()));
    }

    /** log2 of the context table in bytes for a frame of {@code length} bytes. */
    int contextTableBits(int length) {
        return Math.min(20 + level, Math.max(16, log2Ceil(length) + 6));
    }

    /** log2 of the contexts of the APM by last byte: all 2^16 from frames of 16 KiB on. */
    int apmBits(int length) {
        return Math.min(16, Math.max(10, log2Ceil(length) + 2));
    }

    /** log2 of the match model's position table for a frame of {@code length} bytes. */
    int matchTableBits(int length) {
        return Math.min(14 + level, Math.max(10, log2Ceil(length) + 1));
    }

    /** Approximate heap one encoder or decoder needs for a frame of {@code length} bytes. */
    public long memoryBytes(int length) {
        long apms = 4L * 33 * (1 << apmBits(length)) * (fullModels() ? 5 : 1);
        // Twice the match table for the DNA model; indirect-context tables and mixer weights.
        long slow = fullModels() ? 4L * (1 << matchTableBits(length)) + (4 << 20) : 0;
        return (1L << contextTableBits(length)) + 4L * (1 << matchTableBits(length)) + apms + slow + (1 << 20);
    }

    private static int log2Ceil(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
