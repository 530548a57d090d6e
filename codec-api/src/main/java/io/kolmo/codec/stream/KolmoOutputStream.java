package io.kolmo.codec.stream;

import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.format.FrameWriter;
import io.kolmo.codec.format.StreamHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Compresses what is written to it into a kolmo stream on an underlying output stream.
 *
 * <p>Data is collected into frames of {@link Codec#frameSize()} bytes; each full frame is
 * compressed and written. {@link #flush()} also ends the current frame early, so a reader can
 * decode everything written so far (at some cost in ratio if done often). {@link #finish()} ends
 * the stream without closing the underlying one, as {@code DeflaterOutputStream.finish()} does;
 * {@link #close()} finishes and closes it. Both are safe to call more than once. The first failure
 * is kept and thrown again by every later write, flush or finish; a later close wraps it in a new
 * exception (see {@link #close()}).
 *
 * <pre>{@code
 * try (KolmoOutputStream out = Codecs.get("cm").newOutputStream(Files.newOutputStream(target))) {
 *     in.transferTo(out);
 * }
 * }</pre>
 *
 * <p>A stream is not thread-safe.
 */
public final class KolmoOutputStream extends OutputStream {
    /** Frames start this small and grow, so short streams do not allocate a whole frame. */
    private static final int INITIAL_BUFFER = 64 * 1024;

    private final OutputStream out;
    private final Codec codec;
    private final FrameWriter writer;
    private final int frameSize;
    private final BlockEncoder encoder;
    private final PayloadBuffer payload = new PayloadBuffer();
    private byte[] buf;
    private int count;
    private boolean finished;
    private boolean closed;
    private IOException failure;

    /** Writes the stream header of {@code codec} to {@code out} at once. */
    public KolmoOutputStream(OutputStream out, Codec codec) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.frameSize = codec.frameSize();
        this.writer = new FrameWriter(out);
        this.buf = new byte[Math.min(frameSize, INITIAL_BUFFER)];
        writer.writeHeader(new StreamHeader(codec.id(), frameSize, codec.modelId(), codec.parameters()));
        this.encoder = codec.newEncoder();
    }

    /** The codec this stream compresses with. */
    public Codec codec() {
        return codec;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (count == buf.length) {
            makeRoom();
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (count == buf.length) {
                makeRoom();
            }
            int n = Math.min(len, buf.length - count);
            System.arraycopy(b, off, buf, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    private void makeRoom() throws IOException {
        if (buf.length < frameSize) {
            byte[] grown = new byte[(int) Math.min(frameSize, buf.length * 2L)];
            System.arraycopy(buf, 0, grown, 0, count);
            buf = grown;
        } else {
            writeFrame();
        }
    }

    /** Ends the current frame, writes it and flushes the underlying stream. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        writeFrame();
        guard(out::flush);
    }

    /**
     * Writes the pending frame and the end record without closing the underlying stream. Nothing
     * may be written afterwards; calling it again does nothing.
     */
    public void finish() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (finished) {
            return;
        }
        writeFrame();
        guard(writer::writeEnd);
        finished = true;
        guard(encoder::close);
    }

    /**
     * Finishes the stream and closes the underlying one. Idempotent.
     *
     * <p>After a failure that an earlier call has already thrown, {@code close()} still releases
     * everything and then throws a new {@link IOException} whose cause is that failure, never the
     * same object again: try-with-resources would otherwise fail with "Self-suppression not
     * permitted" and hide the real error.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            if (failure != null) {
                throw failedEarlier();
            }
            return;
        }
        closed = true;
        IOException earlier = failure;
        IOException thrown = null;
        if (earlier == null) {
            try {
                finish();
            } catch (IOException e) {
                thrown = e;
            }
        }
        try {
            encoder.close();
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
            if (thrown == null) {
                thrown = e;
            } else {
                thrown.addSuppressed(e);
            }
        }
        if (thrown != null) {
            throw thrown;
        }
        if (earlier != null) {
            throw failedEarlier();
        }
    }

    private IOException failedEarlier() {
        return new IOException("the stream failed earlier: " + failure.getMessage(), failure);
    }

    /** Compressed bytes written so far, headers included. */
    public long bytesWritten() {
        return writer.bytesWritten();
    }

    /** Original bytes accepted so far. */
    public long bytesRead() {
        return writer.originalBytes() + count;
    }

    private void writeFrame() throws IOException {
        if (count == 0) {
            return;
        }
        guard(() -> {
            payload.reset();
            encoder.encode(buf, 0, count, payload);
            if (payload.size() < count) {
                writer.writeFrame(buf, 0, count, payload.array(), 0, payload.size(), false);
            } else {
                writer.writeFrame(buf, 0, count, buf, 0, count, true);
            }
        });
        count = 0;
    }

    private void ensureOpen() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (finished) {
            throw new IOException("stream already finished");
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void guard(IoAction action) throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            action.run();
        } catch (IOException e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            failure = new IOException("compression failed: " + e, e);
            throw failure;
        }
    }

    /** A byte array output stream whose array can be read without copying. */
    private static final class PayloadBuffer extends ByteArrayOutputStream {
        byte[] array() {
            return buf;
        }
    }
}
