package io.kolmo.rangecoder;

/**
 * Range encoder shared by every model codec: binary decisions with 16-bit probabilities and
 * multi-symbol coding from integer cumulative frequencies, on one arithmetic core.
 *
 * <p>The coder keeps a 56-bit interval ({@code low}, {@code range}) and renormalises byte by byte
 * whenever the range drops below 2<sup>48</sup>, with LZMA-style carry propagation. Because the
 * range never falls below 2<sup>48</sup>, dividing it by a total of 2<sup>24</sup> or less still
 * leaves at least 2<sup>24</sup> steps, so rounding costs under 10<sup>-6</sup> bits per symbol.
 * The first byte (always zero) is not written and {@link #finish()} writes only the bytes needed to
 * identify the final interval; a decoder reads zeros past the end. The overhead over the ideal code
 * length is therefore at most about two bytes per frame.
 *
 * <p>Precision: binary probabilities are {@value #PROB_BITS}-bit ({@code p1} is the probability of
 * a one, in 1..65535 out of 65536). Multi-symbol totals are powers of two up to
 * 2<sup>{@value #MAX_TOTAL_BITS}</sup>; every coded symbol must have a frequency of at least 1.
 *
 * <p>Subclasses decide where bytes go: {@link RangeEncoderToBuffer} keeps them, {@link RangeCounter}
 * only counts them, so measuring code length never builds output.
 *
 * <pre>{@code
 * RangeEncoderToBuffer enc = new RangeEncoderToBuffer();
 * enc.encodeBit(40000, 1);
 * enc.encode(cum, freq, 16);
 * enc.finish();
 * byte[] payload = enc.toByteArray();
 * }</pre>
 *
 * <p>An encoder is not thread-safe.
 */
public abstract class RangeEncoder {
    /** Precision of binary probabilities in bits. */
    public static final int PROB_BITS = 16;
    /** Largest supported {@code totalBits} for multi-symbol coding. */
    public static final int MAX_TOTAL_BITS = 24;

    static final long TOP = 1L << 56;
    static final long BOTTOM = 1L << 48;
    static final long INITIAL_RANGE = TOP - 1;
    private static final long LOW_48 = BOTTOM - 1;
    private static final long FF_TOP = 0xFFL << 48;

    private long low;
    private long range = INITIAL_RANGE;
    private int cache;
    private long cacheSize = 1;
    private boolean first = true;
    private boolean finished;

    /** Makes this encoder's interval state that of {@code other} (for copying counters). */
    protected final void copyStateFrom(RangeEncoder other) {
        low = other.low;
        range = other.range;
        cache = other.cache;
        cacheSize = other.cacheSize;
        first = other.first;
        finished = other.finished;
    }

    /** Receives one output byte (0..255). */
    protected abstract void emit(int b);

    /**
     * Encodes one binary decision.
     *
     * @param p1 probability that {@code bit} is 1, scaled to 1..65535 (of 65536)
     * @param bit 0 or 1
     */
    public final void encodeBit(int p1, int bit) {
        checkProbability(p1);
        long bound = (range >>> PROB_BITS) * (65536 - p1);
        if (bit == 0) {
            range = bound;
        } else {
            low += bound;
            range -= bound;
        }
        normalize();
    }

    /**
     * Encodes one symbol occupying {@code [cum, cum + freq)} of a total of 2<sup>totalBits</sup>.
     * The symbol at the top of the table also receives the rounding remainder of the range.
     */
    public final void encode(int cum, int freq, int totalBits) {
        checkSymbol(cum, freq, totalBits);
        long r = range >>> totalBits;
        low += r * cum;
        if (cum + freq == 1 << totalBits) {
            range -= r * cum;
        } else {
            range = r * freq;
        }
        normalize();
    }

    /**
     * Writes the last bytes. After this call the encoder accepts no more symbols; calling it again
     * does nothing.
     */
    public final void finish() {
        if (finished) {
            return;
        }
        finished = true;
        // Choose the value in [low, low + range) with the most trailing zero bytes: the decoder pads
        // with zeros, so those bytes need not be written.
        long v = 0;
        for (int shift = 56; shift >= 48; shift -= 8) {
            long unit = 1L << shift;
            v = (low + unit - 1) & -unit;
            if (v - low < range) {
                break;
            }
        }
        low = v;
        shiftLow();
        if (cacheSize == 1 && cache == 0) {
            return;
        }
        out(cache);
        for (long i = 1; i < cacheSize; i++) {
            out(0xFF);
        }
    }

    private void normalize() {
        while (range < BOTTOM) {
            range <<= 8;
            shiftLow();
        }
    }

    private void shiftLow() {
        if (low < FF_TOP || low >= TOP) {
            int carry = (int) (low >>> 56);
            int temp = cache;
            do {
                out((temp + carry) & 0xFF);
                temp = 0xFF;
            } while (--cacheSize != 0);
            cache = (int) (low >>> 48) & 0xFF;
        }
        cacheSize++;
        low = (low & LOW_48) << 8;
    }

    private void out(int b) {
        if (first) {
            // The interval starts inside [0, 2^56), so the first byte is always zero: skip it.
            first = false;
            return;
        }
        emit(b);
    }

    static void checkProbability(int p1) {
        if (p1 <= 0 || p1 >= 65536) {
            throw new IllegalArgumentException("probability out of range 1..65535: " + p1);
        }
    }

    static void checkSymbol(int cum, int freq, int totalBits) {
        if (totalBits < 1 || totalBits > MAX_TOTAL_BITS) {
            throw new IllegalArgumentException("totalBits out of range 1.." + MAX_TOTAL_BITS + ": " + totalBits);
        }
        if (freq <= 0 || cum < 0 || (long) cum + freq > 1L << totalBits) {
            throw new IllegalArgumentException("bad symbol interval cum=" + cum + " freq=" + freq
                    + " total=2^" + totalBits);
        }
    }

    /** Ideal cost in bits of coding {@code bit} with probability {@code p1} (of 65536) of a one. */
    public static double bitCost(int p1, int bit) {
        checkProbability(p1);
        int p = bit == 0 ? 65536 - p1 : p1;
        return PROB_BITS - Math.log(p) / Math.log(2);
    }

    /** Ideal cost in bits of a symbol with frequency {@code freq} out of 2<sup>totalBits</sup>. */
    public static double symbolCost(int freq, int totalBits) {
        return totalBits - Math.log(freq) / Math.log(2);
    }
}
