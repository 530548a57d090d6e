package io.kolmo.classic.cm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Hashed context models: for each context (order-n byte contexts, word contexts, sparse
 * contexts) a {@link BitHistory} per bit, kept in one shared hash table, and a {@link StateMap}
 * per context that turns the history into a prediction.
 *
 * <p>The table holds 16-byte buckets, one per context and nibble: a checksum byte and the 15
 * histories of the nibble's bit tree. A lookup probes three neighbouring buckets of one cache line
 * and, on a miss, replaces the one whose root history has the least evidence. Not thread-safe.
 */
public final class ContextModel implements ContextSource {
    /** Context kinds. */
    public static final int ORDER1 = 1;
    public static final int ORDER2 = 2;
    public static final int ORDER3 = 3;
    public static final int ORDER4 = 4;
    public static final int ORDER5 = 5;
    public static final int ORDER6 = 6;
    /** The current word and the byte before. */
    public static final int WORD = 7;
    /** The current word and the previous word. */
    public static final int WORD_PAIR = 8;
    /** The second and third bytes back (skips the last). */
    public static final int SPARSE_2_3 = 9;
    /** The last byte and the third byte back. */
    public static final int SPARSE_1_3 = 10;
    /** The last 12 bytes: a long context for DNA and highly repetitive data. */
    public static final int ORDER12 = 12;
    /** The current word and the word two back (skips the previous word). */
    public static final int WORD_SKIP = 21;
    /** The current word and the two words before it. */
    public static final int WORD_TRIPLE = 22;
    /** The last byte and the two bytes that followed its previous occurrences (an indirect context). */
    public static final int INDIRECT_1 = 23;
    /** The last two bytes and the two bytes that followed their previous occurrences. */
    public static final int INDIRECT_2 = 24;
    /** The column in the line and the byte above (in the previous line). */
    public static final int COLUMN = 25;
    /** The byte one record back and the last byte; records are found by {@link History#recordLength()}. */
    public static final int RECORD = 15;
    /** The bytes one and two records back. */
    public static final int RECORD_COLUMN = 16;

    /** The bytes four and eight back: columns of 32-bit words (machine code, tables of ints). */
    public static final int SPARSE_4_8 = 17;
    /** The last two bytes and the position within a 32-bit word: instruction fields. */
    public static final int ALIGNED_2 = 18;

    private static final VarHandle ZERO = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final History h;
    private final int[] kinds;
    private final int n;
    private final byte[] t;
    private final int mask;
    private final int[] hashes;
    private final int[] buckets;
    private final int[] slots;
    private final int[] cx;
    /** The next bit's stretched predictions, computed as soon as the slots are known. */
    private final int[] pr;
    private final StateMap sm;
    /** For indirect contexts: the two bytes that last followed each byte / each pair of bytes. */
    private final char[] follow1;
    private final char[] follow2;
    /** Whether a COLUMN context is modelled, so line starts are tracked. */
    private final boolean column;
    /** Where the current and the previous line start (for COLUMN). */
    private int lineStart;
    private int prevLineStart;
    /** Inputs per context: 2 with {@code runInputs}. */
    private final int per;
    /** Keeps the cache-touching loads of {@link #lookUp} alive. */
    private int sink;

    /**
     * @param history the shared history
     * @param kinds the contexts
     * @param tableBits log2 of the hash table's size in bytes (at least 6)
     * @param runInputs whether each context gives a second input, its prediction when its history
     *     is one-sided (a run of one bit value) and 0 otherwise; without, one input per context
     */
    public ContextModel(History history, int[] kinds, int tableBits, boolean runInputs) {
        this.h = history;
        this.kinds = kinds.clone();
        this.n = kinds.length;
        this.per = runInputs ? 2 : 1;
        this.t = new byte[1 << tableBits];
        this.mask = (1 << (tableBits - 4)) - 1;
        this.hashes = new int[n];
        this.buckets = new int[n];
        this.slots = new int[n];
        this.cx = new int[n];
        this.pr = new int[n];
        this.sm = StateMap.forBitHistories(n, 1023);
        boolean indirect = false;
        boolean column = false;
        for (int k : kinds) {
            indirect |= k == INDIRECT_1 || k == INDIRECT_2;
            column |= k == COLUMN;
        }
        this.column = column;
        this.follow1 = indirect ? new char[256] : null;
        this.follow2 = indirect ? new char[65536] : null;
        this.lineStart = history.start();
        this.prevLineStart = history.start();
        startByte();
        predictAll();
    }

    @Override
    public int inputs() {
        return n * per;
    }

    @Override
    public void predict(int[] st, int at) {
        System.arraycopy(pr, 0, st, at, n);
        if (per == 2) {
            // The same prediction again where the history is one-sided (only zeros or only ones so
            // far), else 0: the mixer learns how far to trust such runs apart from mixed histories.
            for (int i = 0; i < n; i++) {
                int s = cx[i] & 0xFF;
                boolean run = s != 0 && (BitHistory.zeros(s) == 0 || BitHistory.ones(s) == 0);
                st[at + n + i] = run ? pr[i] : 0;
            }
        }
    }

    @Override
    public void update(int bit) {
        byte[] t = this.t;
        int[] cx = this.cx;
        int[] slots = this.slots;
        int bits = h.bitCount();
        if (bits == 0 || bits == 4) {
            for (int i = 0; i < n; i++) {
                int c = cx[i];
                sm.update(c, bit);
                t[slots[i]] = (byte) BitHistory.next(c & 0xFF, bit);
            }
            if (bits == 0) {
                startByte();
            } else {
                int nibble = (h.c0() & 15) + 1;
                for (int i = 0; i < n; i++) {
                    buckets[i] = mix(hashes[i] + nibble * 0x9E3779B1);
                }
                lookUp();
            }
            predictAll();
            return;
        }
        // Within a nibble the next slot is known at once: learn, move and predict in one pass.
        int j = bits & 3;
        int node = 1 << j | h.c0() & ((1 << j) - 1);
        int[] buckets = this.buckets;
        int[] pr = this.pr;
        for (int i = 0; i < n; i++) {
            int c = cx[i];
            sm.update(c, bit);
            t[slots[i]] = (byte) BitHistory.next(c & 0xFF, bit);
            int s = buckets[i] + node;
            slots[i] = s;
            int nc = i << 8 | (t[s] & 0xFF);
            cx[i] = nc;
            pr[i] = Logistic.stretch(sm.p(nc));
        }
    }

    @Override
    public int known() {
        int k = 0;
        for (int i = 0; i < n; i++) {
            k += (cx[i] & 0xFF) != 0 ? 1 : 0;
        }
        return k;
    }

    private void predictAll() {
        byte[] t = this.t;
        for (int i = 0; i < n; i++) {
            int c = i << 8 | (t[slots[i]] & 0xFF);
            cx[i] = c;
            pr[i] = Logistic.stretch(sm.p(c));
        }
    }

    private void startByte() {
        int c4 = h.c4();
        int c8 = h.c8();
        if (column && h.pos() > h.start() && (c4 & 0xFF) == '\n') {
            prevLineStart = lineStart;
            lineStart = h.pos();
        }
        if (follow1 != null && h.pos() > h.start()) {
            int c = c4 & 0xFF;
            int i1 = c4 >>> 8 & 0xFF;
            int i2 = c4 >>> 8 & 0xFFFF;
            follow1[i1] = (char) (follow1[i1] << 8 | c);
            follow2[i2] = (char) (follow2[i2] << 8 | c);
        }
        for (int i = 0; i < n; i++) {
            int k = kinds[i];
            int a;
            int b = 0;
            switch (k) {
                case ORDER1 -> a = c4 & 0xFF;
                case ORDER2 -> a = c4 & 0xFFFF;
                case ORDER3 -> a = c4 & 0xFFFFFF;
                case ORDER4 -> a = c4;
                case ORDER5 -> {
                    a = c4;
                    b = c8 & 0xFF;
                }
                case ORDER6 -> {
                    a = c4;
                    b = c8 & 0xFFFF;
                }
                case WORD -> {
                    a = h.word0();
                    b = c4 & 0xFF;
                }
                case WORD_PAIR -> {
                    a = h.word0();
                    b = h.word1();
                }
                case SPARSE_2_3 -> a = c4 & 0xFFFF00;
                case SPARSE_1_3 -> a = c4 & 0xFF00FF;
                case ORDER12 -> {
                    a = c4 ^ c8 * 0x2F0B4C37;
                    b = h.back(12, 4);
                }
                case COLUMN -> {
                    int col = h.pos() - lineStart;
                    int above = prevLineStart + col < lineStart ? h.buffer()[prevLineStart + col] & 0xFF : 256;
                    a = Math.min(col, 255) | above << 8;
                    b = c4 & 0xFF;
                }
                case INDIRECT_1 -> {
                    a = c4 & 0xFF | follow1[c4 & 0xFF] << 8;
                }
                case INDIRECT_2 -> {
                    a = c4 & 0xFFFF | follow2[c4 & 0xFFFF] << 16;
                }
                case WORD_SKIP -> {
                    a = h.word0();
                    b = h.word2();
                }
                case WORD_TRIPLE -> {
                    a = h.word0() ^ h.word2() * 0x61C88647;
                    b = h.word1();
                }
                case RECORD -> {
                    a = h.back(h.recordLength(), 1) << 8 | c4 & 0xFF;
                    b = h.recordLength();
                }
                case RECORD_COLUMN -> {
                    int r = h.recordLength();
                    a = h.back(r, 1) << 8 | h.back(2 * r, 1);
                    b = r;
                }
                case SPARSE_4_8 -> a = c4 >>> 24 | (c8 >>> 24) << 8;
                case ALIGNED_2 -> {
                    a = c4 & 0xFFFF;
                    b = h.pos() & 3;
                }
                default -> throw new IllegalStateException("unknown context kind " + k);
            }
            int hash = mix(a * 0x9E3779B1 + b * 0x85EBCA77 + (k + 1) * 0xC2B2AE3D);
            hashes[i] = hash;
            buckets[i] = hash;
        }
        lookUp();
    }

    /**
     * Replaces the hashes in {@code buckets} by their buckets. The first loop only touches the
     * cache lines, so their (independent) misses overlap instead of coming one after another.
     */
    private void lookUp() {
        byte[] t = this.t;
        int touched = 0;
        for (int i = 0; i < n; i++) {
            touched += t[(buckets[i] & mask) << 4];
        }
        sink += touched;
        for (int i = 0; i < n; i++) {
            int b = find(buckets[i]);
            buckets[i] = b;
            slots[i] = b + 1;
        }
    }

    private static int mix(int x) {
        x ^= x >>> 16;
        x *= 0x7FEB352D;
        x ^= x >>> 15;
        x *= 0x846CA68B;
        return x ^ x >>> 16;
    }

    /** The bucket for {@code hash}, claimed (cleared) if it was not present. */
    private int find(int hash) {
        byte[] t = this.t;
        byte check = (byte) (hash >>> 24);
        int b0 = (hash & mask) << 4;
        if (t[b0] == check) {
            return b0;
        }
        int b1 = b0 ^ 16;
        if (t[b1] == check) {
            return b1;
        }
        int b2 = b0 ^ 32;
        if (t[b2] == check) {
            return b2;
        }
        int p0 = t[b0 + 1] & 0xFF;
        int p1 = t[b1 + 1] & 0xFF;
        int p2 = t[b2 + 1] & 0xFF;
        int b = p0 <= p1 ? (p0 <= p2 ? b0 : b2) : (p1 <= p2 ? b1 : b2);
        ZERO.set(t, b, 0L);
        ZERO.set(t, b + 8, 0L);
        t[b] = check;
        return b;
    }
}
