package io.kolmo.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/** Counts the bytes written through it and tells a listener the running total. Not thread-safe. */
final class CountingOutputStream extends FilterOutputStream {
    private final LongConsumer listener;
    private long count;

    CountingOutputStream(OutputStream out, LongConsumer listener) {
        super(out);
        this.listener = listener;
    }

    CountingOutputStream(OutputStream out) {
        this(out, n -> { });
    }

    /** Bytes written so far. */
    long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
        listener.accept(count);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
        listener.accept(count);
    }
}
