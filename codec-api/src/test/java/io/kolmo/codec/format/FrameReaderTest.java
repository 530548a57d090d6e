package io.kolmo.codec.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.LimitExceededException;
import io.kolmo.codec.Limits;
import io.kolmo.codec.TruncatedInputException;
import io.kolmo.codec.UnsupportedFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Hostile and damaged headers, each named after its defect. */
class FrameReaderTest {
    private static byte[] header(int codecId, long frameSize, int version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(FrameFormat.MAGIC);
        out.write(version);
        Varint.write(out, codecId);
        Varint.write(out, frameSize);
        out.write(0);
        out.write(0);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(out.toByteArray());
        FrameWriter.writeIntLE(out, (int) crc.getValue());
        return out.toByteArray();
    }

    private static FrameReader reader(byte[] b) {
        return new FrameReader(new ByteArrayInputStream(b), Limits.defaults());
    }

    @Test
    void emptyInputIsTruncated() {
        TruncatedInputException e = assertThrows(TruncatedInputException.class, () -> reader(new byte[0]).readHeader());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void badMagicIsNotAKolmoStream() {
        CorruptedInputException e = assertThrows(CorruptedInputException.class,
                () -> reader("PK\3\4hello".getBytes()).readHeader());
        assertTrue(e.getMessage().contains("not a kolmo stream"), e.getMessage());
    }

    @Test
    void futureVersionIsUnsupported() throws IOException {
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> reader(header(4, 100, 2)).readHeader());
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void hugeFrameSizeIsALimitNotAnAllocation() throws IOException {
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> reader(header(4, Long.MAX_VALUE, 1)).readHeader());
        assertEquals(Long.MAX_VALUE, e.needed());
        assertEquals(Limits.DEFAULT_MAX_FRAME_SIZE, e.limit());
    }

    @Test
    void hugePayloadLengthIsRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header(4, 1000, 1));
        out.write(FrameFormat.KIND_CODED);
        Varint.write(out, 1000);
        Varint.write(out, 5000);
        FrameReader r = reader(out.toByteArray());
        r.readHeader();
        CorruptedInputException e = assertThrows(CorruptedInputException.class, r::next);
        assertTrue(e.getMessage().contains("payload length"), e.getMessage());
    }

    @Test
    void nonMinimalVarintIsCorrupt() throws IOException {
        byte[] h = header(4, 100, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(h, 0, 5);
        out.write(new byte[] {(byte) 0x84, 0x00});
        CorruptedInputException e = assertThrows(CorruptedInputException.class,
                () -> reader(out.toByteArray()).readHeader());
        assertTrue(e.getMessage().contains("minimally"), e.getMessage());
    }

    @Test
    void missingEndRecordIsTruncated() throws IOException {
        FrameReader r = reader(header(4, 100, 1));
        r.readHeader();
        TruncatedInputException e = assertThrows(TruncatedInputException.class, r::next);
        assertTrue(e.getMessage().contains("end record"), e.getMessage());
    }

    @Test
    void truncatedPayloadAllocatesOnlyWhatArrives() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header(4, 200 << 20, 1));
        out.write(FrameFormat.KIND_STORED);
        Varint.write(out, 200 << 20);
        Varint.write(out, 200 << 20);
        out.write(new byte[8]);
        out.write(new byte[100]);
        FrameReader r = reader(out.toByteArray());
        r.readHeader();
        assertThrows(TruncatedInputException.class, r::next);
    }
}
