package io.kolmo.codec.stream;

import io.kolmo.codec.Codec;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.Limits;
import io.kolmo.codec.format.FrameReader;
import io.kolmo.codec.format.StreamHeader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <p>When the codec's decoder is a {@link io.kolmo.codec.BatchBlockDecoder}, the stream reads up
 * to its batch size of frames ahead (and at most {@value #READ_AHEAD_BYTES} original bytes' worth,
 * beyond one frame) and decodes them as one batch, checking each frame as above and returning the
 * frames that precede a damaged or missing one before raising its exception. A read may then wait
 * for input several frames ahead of the data it returns. Other codecs decode a frame at a time.
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

    /** Read-ahead for batch decoders: most original bytes read ahead of the reader, beyond one frame. */
    static final int READ_AHEAD_BYTES = 64 << 20;
    private final int batch;
    private byte[][] ready = new byte[0][];
    private int[] readyLength = new int[0];
    private int readyCount;
    private int readyNext;
    private IOException pendingFailure;
    private boolean pendingEnd;

    private KolmoInputStream(InputStream in, FrameReader reader, StreamHeader header, Codec codec)
            throws IOException {
        this.in = in;
        this.reader = reader;
        this.header = header;
        this.codec = codec;
        this.decoder = new VerifyingFrameDecoder(codec);
        this.batch = decoder.batchSize();
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
        if (batch > 1) {
            return nextFrameOfBatch();
        }
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

    /** Batch decoders: hands out the decoded frames, then the failure or end that followed them. */
    private boolean nextFrameOfBatch() throws IOException {
        while (true) {
            if (readyNext < readyCount) {
                frame = ready[readyNext];
                frameLength = readyLength[readyNext++];
                pos = 0;
                return true;
            }
            if (pendingFailure != null) {
                throw pendingFailure;
            }
            if (pendingEnd) {
                decoder.checkEnd(reader);
                eof = true;
                decoder.close();
                return false;
            }
            readBatch();
        }
    }

    /**
     * Reads up to {@link #batch} frames (stopping early at the end record, at a failure, or past
     * {@link #READ_AHEAD_BYTES}), decodes and checks them. A failure to read a frame is kept until
     * the frames before it have been returned.
     */
    private void readBatch() throws IOException {
        List<FrameReader.Frame> frames = new ArrayList<>(batch);
        long bytes = 0;
        try {
            while (frames.size() < batch && bytes < READ_AHEAD_BYTES) {
                FrameReader.Frame f = reader.next();
                if (f == null) {
                    pendingEnd = true;
                    break;
                }
                // The reader reuses its payload buffer: keep a copy.
                frames.add(new FrameReader.Frame(f.stored(), f.originalLength(), f.originalCrc(),
                        Arrays.copyOf(f.payload(), f.payloadLength()), f.payloadLength(), f.offset()));
                bytes += f.originalLength();
            }
        } catch (IOException e) {
            pendingFailure = e;
        } catch (RuntimeException e) {
            pendingFailure = new CorruptedInputException("decoder failed: " + e, reader.offset(), e);
        }
        if (ready.length < frames.size()) {
            ready = Arrays.copyOf(ready, frames.size());
            readyLength = Arrays.copyOf(readyLength, frames.size());
        }
        for (int i = 0; i < frames.size(); i++) {
            int n = frames.get(i).originalLength();
            if (ready[i] == null || ready[i].length < n) {
                ready[i] = new byte[n];
            }
            readyLength[i] = n;
        }
        readyNext = 0;
        readyCount = 0;
        VerifyingFrameDecoder.BatchResult result = decoder.decode(frames, ready);
        readyCount = result.verified();
        if (result.failure() != null) {
            // An earlier frame failed: what was read after it no longer matters.
            pendingFailure = result.failure();
        }
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
