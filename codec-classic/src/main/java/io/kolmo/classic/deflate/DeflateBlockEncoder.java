package io.kolmo.classic.deflate;

import io.kolmo.codec.BlockEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;

/**
 * Compresses each frame into one complete raw deflate stream. The native {@link Deflater} is
 * reused (reset) between frames and freed by {@link #close()}.
 *
 * <p>Not thread-safe.
 */
final class DeflateBlockEncoder implements BlockEncoder {
    private final Deflater deflater;
    private final byte[] chunk = new byte[64 * 1024];
    private boolean closed;

    DeflateBlockEncoder(int level) {
        deflater = new Deflater(level, true);
    }

    @Override
    public void encode(byte[] src, int off, int len, OutputStream out) throws IOException {
        if (closed) {
            throw new IOException("deflate encoder is closed");
        }
        deflater.reset();
        deflater.setInput(src, off, len);
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(chunk);
            out.write(chunk, 0, n);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            deflater.end();
        }
    }
}
