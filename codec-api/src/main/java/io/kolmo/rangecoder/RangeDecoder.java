package io.kolmo.rangecoder;

import io.kolmo.codec.CorruptedInputException;

/**
 * Decoder for payloads written by {@link RangeEncoder}. It reads from a byte array slice and
 * treats bytes past its end as zeros, exactly as the encoder assumed when it left them out.
 *
 * <p>Decoding garbage never loops or throws unchecked exceptions: every call does bounded work.
 * {@link #finish()} reports a payload that was not consumed as the encoder left it; the
 * container's checksums catch any other damage.
 *
 * <p>Not thread-safe.
 */
public final class RangeDecoder {
    /** Bytes of look-ahead the decoder holds: the 56-bit state. */
    private static final int STATE_BYTES = 7;
    /** Valid input keeps code below range; the mask keeps damaged input from overflowing. */
    private static final long STATE_MASK = RangeEncoder.TOP - 1;

    private final byte[] buf;
    private final int start;
    private int pos;
    private final int end;
    private int padding;
    private long code;
    private long range = RangeEncoder.INITIAL_RANGE;
    private long step;

    public RangeDecoder(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " length=" + buf.length);
        }
        this.buf = buf;
        this.start = off;
        this.pos = off;
        this.end = off + len;
        for (int i = 0; i < STATE_BYTES; i++) {
            code = (code << 8) | nextByte();
        }
    }

    private int nextByte() {
        if (pos < end) {
            return buf[pos++] & 0xFF;
        }
        padding++;
        return 0;
    }

    /**
     * Decodes one binary decision.
     *
     * @param p1 probability of a one, 1..65535 of 65536, as given to the encoder
     */
    public int decodeBit(int p1) {
        RangeEncoder.checkProbability(p1);
        long bound = (range >>> RangeEncoder.PROB_BITS) * (65536 - p1);
        int bit;
        if (code < bound) {
            range = bound;
            bit = 0;
        } else {
            code -= bound;
            range -= bound;
            bit = 1;
        }
        normalize();
        return bit;
    }

    /**
     * First half of decoding a multi-symbol value: returns the cumulative frequency the next
     * symbol's interval contains, in 0..2<sup>totalBits</sup>-1. Look up the symbol with
     * {@code cum <= value < cum + freq} and pass its interval to {@link #update}.
     */
    public int decodeFreq(int totalBits) {
        if (totalBits < 1 || totalBits > RangeEncoder.MAX_TOTAL_BITS) {
            throw new IllegalArgumentException("totalBits out of range: " + totalBits);
        }
        step = range >>> totalBits;
        long v = code / step;
        long max = (1L << totalBits) - 1;
        // Only damaged input takes v outside the table; clamp so callers can index safely.
        return (int) (v < 0 || v > max ? max : v);
    }

    /** Second half of decoding a multi-symbol value: consumes the symbol's interval. */
    public void update(int cum, int freq, int totalBits) {
        RangeEncoder.checkSymbol(cum, freq, totalBits);
        code -= step * cum;
        if (cum + freq == 1 << totalBits) {
            range -= step * cum;
        } else {
            range = step * freq;
        }
        normalize();
    }

    private void normalize() {
        while (range < RangeEncoder.BOTTOM) {
            range <<= 8;
            code = ((code << 8) | nextByte()) & STATE_MASK;
        }
    }

    /**
     * Checks that the payload is exactly what the encoder wrote for the symbols decoded: the
     * encoder writes one byte per renormalisation plus at most one final byte, which is never zero.
     *
     * @throws CorruptedInputException if bytes are left over, missing, or not as the encoder ends
     */
    public void finish() throws CorruptedInputException {
        long renormalisations = (long) (pos - start) + padding - STATE_BYTES;
        long extra = (end - start) - renormalisations;
        if (extra > 1) {
            throw new CorruptedInputException("range-coded payload has " + (extra - 1) + " unused trailing bytes", -1);
        }
        if (extra < 0) {
            throw new CorruptedInputException("range-coded payload ended " + -extra + " bytes too early", -1);
        }
        if (extra == 1 && buf[end - 1] == 0) {
            throw new CorruptedInputException("range-coded payload ends with a zero byte the encoder never writes", -1);
        }
    }
}
