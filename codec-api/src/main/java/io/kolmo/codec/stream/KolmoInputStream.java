package io.kolmo.codec.stream;

import io.kolmo.codec.Codec;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.Limits;
import io.kolmo.codec.format.FrameReader;
import io.kolmo.codec.format.StreamHeader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads a kolmo stream and returns the original bytes.
 *
 * <p>Every frame is checked (record CRC32C before decoding, CRC32C of the decoded bytes after)
 * before any of its bytes are returned, and the end record's total length and content CRC are
 * checked before end of stream is reported: damaged input raises
 * {@link CorruptedInputException}, cut-off input an {@link java.io.EOFException}, and no wrong byte
 * is ever returned. After a failure every later read throws the same exception. The stream stops
 * after the end record and does not read beyond it.
 *
 * <pre>{@code
 * try (InputStream in = Codecs.newInputStream(Files.newInputStream(path))) {
 *     in.transferTo(System.out);
 * }
 * }</pre>
 *
 * <p>A stream is not thread-safe.
 */
public final class KolmoInputStream extends InputStream {
    private final InputStream in;
    private final FrameReader reader;
    private final StreamHeader header;
    private final Codec codec;
    private final VerifyingFrameDecoder decoder;
    private byte[] frame = new byte[0];
    private int frameLength;
    private int pos;
    private boolean eof;
    private boolean closed;
    private IOException failure;

    private KolmoInputStream(InputStream in, FrameReader reader, StreamHeader header, Codec codec)
            throws IOException {
        this.in = in;
        this.reader = reader;
        this.header = header;
        this.codec = codec;
        this.decoder = new VerifyingFrameDecoder(codec);
    }

    /**
     * Reads the header from {@code in} and prepares to decode.
     *
     * @param expected the codec the caller expects, or null to accept any installed codec
     * @throws io.kolmo.codec.UnsupportedFormatException if the codec is unknown, unavailable, or
     *     not the expected one
     */
    public static KolmoInputStream open(InputStream in, Limits limits, Codec expected) throws IOException {
        Objects.requireNonNull(in, "in");
        FrameReader reader = new FrameReader(in, limits);
        StreamHeader header = reader.readHeader();
        Codec codec = Codecs.forHeader(header, expected);
        return new KolmoInputStream(in, reader, header, codec);
    }

    /** The stream header. */
    public StreamHeader header() {
        return header;
    }

    /** The codec decoding this stream. */
    public Codec codec() {
        return codec;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return frame[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            ensureOpen();
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, frameLength - pos);
        System.arraycopy(frame, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return frameLength - pos;
    }

    /** Compressed bytes consumed so far. */
    public long compressedOffset() {
        return reader.offset();
    }

    private boolean fill() throws IOException {
        ensureOpen();
        if (pos < frameLength) {
            return true;
        }
        if (eof) {
            return false;
        }
        try {
            return nextFrame();
        } catch (IOException e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            failure = new CorruptedInputException("decoder failed: " + e, reader.offset(), e);
            throw failure;
        }
    }

    private boolean nextFrame() throws IOException {
        FrameReader.Frame f = reader.next();
        if (f == null) {
            decoder.checkEnd(reader);
            eof = true;
            decoder.close();
            return false;
        }
        if (frame.length < f.originalLength()) {
            frame = new byte[f.originalLength()];
        }
        decoder.decode(f, frame);
        frameLength = f.originalLength();
        pos = 0;
        return true;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes the decoder and the underlying stream. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            decoder.close();
        } finally {
            in.close();
        }
    }
}
