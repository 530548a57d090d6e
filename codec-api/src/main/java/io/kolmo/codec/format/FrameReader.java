package io.kolmo.codec.format;

import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.LimitExceededException;
import io.kolmo.codec.Limits;
import io.kolmo.codec.TruncatedInputException;
import io.kolmo.codec.UnsupportedFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads and checks the records of a kolmo stream: every size against its limit before anything is
 * allocated, every record against its CRC32C before its contents are used. See docs/FORMAT.md.
 *
 * <p>Not thread-safe.
 */
public final class FrameReader {
    /** Payload buffers grow by at most this much ahead of the data actually read. */
    private static final int GROWTH_STEP = 1 << 20;

    private final CountingInput in;
    private final Limits limits;
    private StreamHeader header;
    private byte[] payload = new byte[0];
    private boolean ended;
    private long endTotal;
    private int endContentCrc;

    public FrameReader(InputStream in, Limits limits) {
        this.in = new CountingInput(in, 0);
        this.limits = limits;
    }

    /**
     * A reader that resumes after a header already read, at compressed offset {@code offset}: for
     * callers that receive a stream in pieces and read it a record at a time.
     */
    public FrameReader(InputStream in, Limits limits, StreamHeader header, long offset) {
        this.in = new CountingInput(in, offset);
        this.limits = limits;
        this.header = header;
    }

    /** Offset in the compressed input of the next byte to be read. */
    public long offset() {
        return in.offset();
    }

    /** Reads and checks the stream header. */
    public StreamHeader readHeader() throws IOException {
        in.crc().reset();
        byte[] magic = new byte[4];
        int first = in.readOrEof();
        if (first < 0) {
            throw new TruncatedInputException("the stream header (the input is empty)", 0);
        }
        magic[0] = (byte) first;
        in.readFully(magic, 1, 3, "the stream header");
        if (!Arrays.equals(magic, FrameFormat.MAGIC)) {
            throw new CorruptedInputException("not a kolmo stream (bad magic bytes)", 0);
        }
        int version = in.readByte("the stream header");
        if (version != FrameFormat.VERSION) {
            throw new UnsupportedFormatException("unsupported kolmo format version " + version
                    + " (this library reads version " + FrameFormat.VERSION + ")");
        }
        int codecId = (int) in.readVarint("codec id", Integer.MAX_VALUE);
        long frameSize = in.readVarint("frame size", Long.MAX_VALUE);
        int modelLength = in.readByte("the stream header");
        if (modelLength > StreamHeader.MAX_MODEL_ID) {
            throw new CorruptedInputException("model id length " + modelLength + " exceeds "
                    + StreamHeader.MAX_MODEL_ID, in.offset() - 1);
        }
        byte[] model = new byte[modelLength];
        in.readFully(model, 0, modelLength, "the stream header");
        int paramsLength = (int) in.readVarint("codec parameter length", StreamHeader.MAX_PARAMETERS);
        byte[] params = new byte[paramsLength];
        in.readFully(params, 0, paramsLength, "the stream header");
        int expected = (int) in.crc().getValue();
        int actual = in.readIntLE("the stream header");
        if (expected != actual) {
            throw new CorruptedInputException("stream header fails its CRC32C check", in.offset() - 4);
        }
        if (frameSize == 0) {
            throw new CorruptedInputException("frame size 0 in stream header", in.offset());
        }
        if (frameSize > limits.maxFrameSize()) {
            throw new LimitExceededException("frame size", frameSize, limits.maxFrameSize());
        }
        header = new StreamHeader(codecId, (int) frameSize, model, params);
        return header;
    }

    /** One frame as read: its payload stays valid until the next call to {@link #next()}. */
    public record Frame(boolean stored, int originalLength, int originalCrc, byte[] payload, int payloadLength,
            long offset) {
    }

    /**
     * Reads the next frame after checking its record CRC, or returns null at the end record (check
     * it with {@link #checkEnd}).
     */
    public Frame next() throws IOException {
        if (header == null) {
            throw new IllegalStateException("readHeader() first");
        }
        if (ended) {
            return null;
        }
        long start = in.offset();
        in.crc().reset();
        int kind = in.readOrEof();
        if (kind < 0) {
            throw new TruncatedInputException("the frame sequence (no end record)", start);
        }
        if (kind == FrameFormat.KIND_END) {
            endTotal = in.readVarint("total length", Long.MAX_VALUE);
            endContentCrc = in.readIntLE("the end record");
            // readIntLE bypasses the running CRC; fold the content CRC in explicitly.
            updateIntLE(endContentCrc);
            int expected = (int) in.crc().getValue();
            int actual = in.readIntLE("the end record");
            if (expected != actual) {
                throw new CorruptedInputException("end record fails its CRC32C check", start);
            }
            ended = true;
            return null;
        }
        if (kind != FrameFormat.KIND_CODED && kind != FrameFormat.KIND_STORED) {
            throw new CorruptedInputException("unknown record kind 0x" + Integer.toHexString(kind), start);
        }
        boolean stored = kind == FrameFormat.KIND_STORED;
        int originalLength = (int) in.readVarint("frame length", header.frameSize());
        if (originalLength == 0) {
            throw new CorruptedInputException("empty frame", start);
        }
        int payloadLength = (int) in.readVarint("payload length", stored ? originalLength : originalLength - 1L);
        if (stored && payloadLength != originalLength) {
            throw new CorruptedInputException("stored frame payload " + payloadLength + " differs from its length "
                    + originalLength, start);
        }
        if (payloadLength == 0) {
            throw new CorruptedInputException("empty payload", start);
        }
        int originalCrc = in.readIntLE("a frame header");
        updateIntLE(originalCrc);
        int check = in.readIntLE("a frame header");
        readPayload(payloadLength);
        if ((int) in.crc().getValue() != check) {
            throw new CorruptedInputException("frame fails its CRC32C check (damaged header or payload)", start);
        }
        return new Frame(stored, originalLength, originalCrc, payload, payloadLength, start);
    }

    /** Reads a payload, growing the buffer only as data actually arrives. */
    private void readPayload(int length) throws IOException {
        int done = 0;
        while (done < length) {
            int chunk = Math.min(length - done, GROWTH_STEP);
            if (payload.length < done + chunk) {
                payload = Arrays.copyOf(payload, (int) Math.min(length, Math.max(done + chunk, 2L * payload.length)));
            }
            in.readFully(payload, done, chunk, "a frame payload");
            done += chunk;
        }
    }

    private void updateIntLE(int v) {
        in.crc().update(v);
        in.crc().update(v >>> 8);
        in.crc().update(v >>> 16);
        in.crc().update(v >>> 24);
    }

    /**
     * Checks the end record against what was decoded.
     *
     * @throws CorruptedInputException if the totals differ
     */
    public void checkEnd(long decodedBytes, int decodedCrc) throws CorruptedInputException {
        if (!ended) {
            throw new IllegalStateException("end record not read yet");
        }
        if (endTotal != decodedBytes) {
            throw new CorruptedInputException("end record says " + endTotal + " bytes but the frames hold "
                    + decodedBytes, in.offset());
        }
        if (endContentCrc != decodedCrc) {
            throw new CorruptedInputException("decoded content fails the stream CRC32C", in.offset());
        }
    }
}
