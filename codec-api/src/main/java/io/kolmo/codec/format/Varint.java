package io.kolmo.codec.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Unsigned LEB128 integers: seven bits a byte, least significant first, high bit set on every
 * byte but the last. Readers accept only the shortest encoding.
 */
public final class Varint {
    private Varint() {
    }

    /** Writes {@code value} (must not be negative). */
    public static void write(OutputStream out, long value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("varint must not be negative: " + value);
        }
        while (value >= 0x80) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** Number of bytes {@link #write} uses for {@code value}. */
    public static int size(long value) {
        int n = 1;
        while (value >= 0x80) {
            value >>>= 7;
            n++;
        }
        return n;
    }
}
