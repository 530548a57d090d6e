package io.kolmo.rangecoder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A {@link RangeEncoder} that keeps its output in a growing byte array.
 *
 * <p>Not thread-safe.
 */
public final class RangeEncoderToBuffer extends RangeEncoder {
    private byte[] buf;
    private int size;

    public RangeEncoderToBuffer() {
        this(256);
    }

    /** @param expectedSize initial capacity in bytes */
    public RangeEncoderToBuffer(int expectedSize) {
        buf = new byte[Math.max(16, expectedSize)];
    }

    @Override
    protected void emit(int b) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, buf.length * 2L)));
        }
        buf[size++] = (byte) b;
    }

    /** Number of bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Writes the bytes written so far to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }
}
