package io.kolmo.codec.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Writes the records of a kolmo stream (header, frames, end record) to an output stream. It does
 * no compression: callers hand it payloads. See docs/FORMAT.md.
 *
 * <p>Not thread-safe.
 */
public final class FrameWriter {
    private final OutputStream out;
    private final CRC32C contentCrc = new CRC32C();
    private final ByteArrayOutputStream record = new ByteArrayOutputStream(32);
    private long originalBytes;
    private long writtenBytes;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes the stream header. */
    public void writeHeader(StreamHeader header) throws IOException {
        record.reset();
        record.write(FrameFormat.MAGIC);
        record.write(FrameFormat.VERSION);
        Varint.write(record, header.codecId());
        Varint.write(record, header.frameSize());
        byte[] model = header.modelId();
        record.write(model.length);
        record.write(model);
        byte[] params = header.parameters();
        Varint.write(record, params.length);
        record.write(params);
        emitRecordWithCrc();
    }

    /**
     * Writes one frame.
     *
     * @param stored true if {@code payload} is the original bytes themselves
     */
    public void writeFrame(byte[] original, int off, int len, byte[] payload, int payloadOff, int payloadLen,
            boolean stored) throws IOException {
        if (len <= 0 || (stored ? payloadLen != len : payloadLen >= len)) {
            throw new IllegalArgumentException("bad frame: original " + len + " bytes, payload " + payloadLen
                    + (stored ? " (stored)" : " (coded)"));
        }
        CRC32C originalCrc = new CRC32C();
        originalCrc.update(original, off, len);
        contentCrc.update(original, off, len);
        originalBytes += len;

        record.reset();
        record.write(stored ? FrameFormat.KIND_STORED : FrameFormat.KIND_CODED);
        Varint.write(record, len);
        Varint.write(record, payloadLen);
        writeIntLE(record, (int) originalCrc.getValue());
        CRC32C check = new CRC32C();
        check.update(record.toByteArray());
        check.update(payload, payloadOff, payloadLen);
        writeIntLE(record, (int) check.getValue());
        record.writeTo(out);
        out.write(payload, payloadOff, payloadLen);
        writtenBytes += record.size() + payloadLen;
    }

    /** Writes the end record: total original length and CRC32C of all original bytes. */
    public void writeEnd() throws IOException {
        record.reset();
        record.write(FrameFormat.KIND_END);
        Varint.write(record, originalBytes);
        writeIntLE(record, (int) contentCrc.getValue());
        emitRecordWithCrc();
    }

    /** Bytes written to the output so far. */
    public long bytesWritten() {
        return writtenBytes;
    }

    /** Original bytes framed so far. */
    public long originalBytes() {
        return originalBytes;
    }

    private void emitRecordWithCrc() throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(record.toByteArray());
        writeIntLE(record, (int) crc.getValue());
        record.writeTo(out);
        writtenBytes += record.size();
    }

    static void writeIntLE(OutputStream out, int v) throws IOException {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
