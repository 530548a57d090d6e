package io.kolmo.codec;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Compresses frames, one at a time and each on its own: a frame never depends on an earlier one,
 * so damage stays inside one frame and frames can be decoded in parallel. An encoder may keep
 * large tables between frames to avoid reallocating them, but must reset them.
 *
 * <p>An encoder is not thread-safe; {@link Codec#newEncoder()} gives each stream its own.
 */
public interface BlockEncoder extends Closeable {
    /** Writes the compressed payload of {@code src[off, off+len)} to {@code out}. */
    void encode(byte[] src, int off, int len, OutputStream out) throws IOException;

    /**
     * Exact size in bits of the payload {@link #encode} would write, computed without keeping it.
     */
    default long measure(byte[] src, int off, int len) throws IOException {
        CountingOutputStream counter = new CountingOutputStream();
        encode(src, off, len, counter);
        return counter.count() * 8;
    }

    /** Releases native or large resources. Idempotent. */
    @Override
    default void close() throws IOException {
    }

    /** An output stream that counts and discards. */
    final class CountingOutputStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }

        public long count() {
            return count;
        }
    }
}
