package io.kolmo.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Counts the bytes read through it and tells a listener (a progress bar) the running total. Not thread-safe. */
final class CountingInputStream extends FilterInputStream {
    private final LongConsumer listener;
    private long count;

    CountingInputStream(InputStream in, LongConsumer listener) {
        super(in);
        this.listener = listener;
    }

    CountingInputStream(InputStream in) {
        this(in, n -> { });
    }

    /** Bytes read (or skipped) so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        advance(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        // A reset would make the count run ahead of the data.
        return false;
    }

    private void advance(long n) {
        count += n;
        listener.accept(count);
    }
}
