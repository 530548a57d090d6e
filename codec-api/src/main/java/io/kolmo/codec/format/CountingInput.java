package io.kolmo.codec.format;

import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.TruncatedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Reads container fields from an input stream, counting the offset for error messages and
 * feeding every byte read into a running CRC32C that the caller resets per record.
 *
 * <p>Not thread-safe.
 */
final class CountingInput {
    private final InputStream in;
    private final CRC32C crc = new CRC32C();
    private long offset;

    CountingInput(InputStream in, long offset) {
        this.in = in;
        this.offset = offset;
    }

    long offset() {
        return offset;
    }

    CRC32C crc() {
        return crc;
    }

    /** Reads one byte, or returns -1 at a clean end of input. */
    int readOrEof() throws IOException {
        int b = in.read();
        if (b >= 0) {
            offset++;
            crc.update(b);
        }
        return b;
    }

    int readByte(String what) throws IOException {
        int b = readOrEof();
        if (b < 0) {
            throw new TruncatedInputException(what, offset);
        }
        return b;
    }

    void readFully(byte[] buf, int off, int len, String what) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(buf, off + done, len - done);
            if (n < 0) {
                throw new TruncatedInputException(what, offset);
            }
            crc.update(buf, off + done, n);
            offset += n;
            done += n;
        }
    }

    /** Reads a little-endian unsigned 32-bit value (not added to the running CRC). */
    int readIntLE(String what) throws IOException {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int b = in.read();
            if (b < 0) {
                throw new TruncatedInputException(what, offset);
            }
            offset++;
            v |= b << (8 * i);
        }
        return v;
    }

    /**
     * Reads a varint of at most {@code max}.
     *
     * @throws CorruptedInputException if it is overlong, not minimal, or above {@code max}
     */
    long readVarint(String what, long max) throws IOException {
        long start = offset;
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = readByte(what);
            if (shift == 63 && b > 1) {
                throw new CorruptedInputException(what + " does not fit in 64 bits", start);
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw new CorruptedInputException(what + " is not minimally encoded", start);
                }
                break;
            }
        }
        if (value < 0 || value > max) {
            throw new CorruptedInputException(what + " " + Long.toUnsignedString(value) + " is out of range 0.." + max,
                    start);
        }
        return value;
    }
}
