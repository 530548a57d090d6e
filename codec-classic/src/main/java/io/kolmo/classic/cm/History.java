package io.kolmo.classic.cm;

/**
 * What every model of one frame sees: the bytes coded so far, the bits of the current byte, and
 * a few derived contexts (the last eight bytes, hashes of the current and previous word).
 *
 * <p>The bytes live in the caller's array: the encoder's input, or the decoder's output, which
 * this class fills as bytes complete. Not thread-safe.
 */
public final class History {
    private final byte[] buf;
    private final int start;
    private final boolean writes;
    private int pos;
    private int c0 = 1;
    private int bitCount;
    private int c4;
    private int c8;
    private int word0;
    private int word1;
    private int word2;
    private final int[] lastSeen = new int[256];
    private final int[] lastDistance = new int[256];
    private final int[] distanceRepeats = new int[256];
    private int recordLength = 1;

    /**
     * @param buf the frame's bytes (encoder) or where decoded bytes go (decoder)
     * @param start index of the frame's first byte in {@code buf}
     * @param writes whether completed bytes are stored into {@code buf} (decoder)
     */
    public History(byte[] buf, int start, boolean writes) {
        this.buf = buf;
        this.start = start;
        this.pos = start;
        this.writes = writes;
    }

    /** Takes one coded bit. */
    public void update(int bit) {
        c0 = c0 << 1 | bit;
        if (++bitCount == 8) {
            int c = c0 & 0xFF;
            if (writes) {
                buf[pos] = (byte) c;
            }
            pos++;
            c8 = c8 << 8 | c4 >>> 24;
            c4 = c4 << 8 | c;
            int lower = c >= 'A' && c <= 'Z' ? c + 32 : c;
            if (lower >= 'a' && lower <= 'z' || c >= 0x80) {
                word0 = (word0 + lower + 1) * 0x2F0B4C37;
            } else if (word0 != 0) {
                word2 = word1;
                word1 = word0;
                word0 = 0;
            }
            updateRecord(c);
            c0 = 1;
            bitCount = 0;
        }
    }

    /**
     * Guesses a record length: when a byte value recurs at the same distance several times in a
     * row, that distance becomes the record length (tables, images, fixed records). Each value keeps
     * its own distances, so runs of one value (a blank image row) do not hide the others.
     */
    private void updateRecord(int c) {
        int d = pos - lastSeen[c];
        lastSeen[c] = pos;
        if (d == lastDistance[c]) {
            if (++distanceRepeats[c] == 3 && d > 2 && d <= 4096) {
                recordLength = d;
            }
        } else {
            lastDistance[c] = d;
            distanceRepeats[c] = 0;
        }
    }

    /** The current record length guess (1 when no structure was seen). */
    public int recordLength() {
        return recordLength;
    }

    /**
     * Hash of {@code count} bytes ending {@code distance - count + 1} bytes back, zero-padded before the
     * frame's start: for example {@code back(12, 4)} covers the 9th to 12th bytes back.
     */
    public int back(int distance, int count) {
        int x = 0;
        for (int i = distance - count + 1; i <= distance; i++) {
            int p = pos - i;
            x = (x + (p >= start ? buf[p] & 0xFF : 0) + 1) * 0x3C6EF372;
        }
        return x;
    }

    /** The bytes (see the constructor). */
    public byte[] buffer() {
        return buf;
    }

    /** Index in {@link #buffer()} of the frame's first byte. */
    public int start() {
        return start;
    }

    /** Index in {@link #buffer()} of the byte being coded. */
    public int pos() {
        return pos;
    }

    /** The bits of the current byte so far, behind a leading 1 (1..255). */
    public int c0() {
        return c0;
    }

    /** How many bits of the current byte are coded (0..7). */
    public int bitCount() {
        return bitCount;
    }

    /** The last four bytes, the latest in the low byte. */
    public int c4() {
        return c4;
    }

    /** The four bytes before {@link #c4()}. */
    public int c8() {
        return c8;
    }

    /** Hash of the (case-folded) word being read, 0 between words. */
    public int word0() {
        return word0;
    }

    /** Hash of the last complete word. */
    public int word1() {
        return word1;
    }

    /** Hash of the word before the previous one. */
    public int word2() {
        return word2;
    }

    /**
     * How many bytes (at most {@code max}) before index {@code cand} equal the bytes before the
     * current position, comparing backwards and never before the frame's start: the length of an
     * earlier match that ends at {@code cand}.
     */
    int matchingBefore(int cand, int max) {
        int n = 0;
        while (n < max && cand - n > start && buf[cand - n - 1] == buf[pos - n - 1]) {
            n++;
        }
        return n;
    }
}
