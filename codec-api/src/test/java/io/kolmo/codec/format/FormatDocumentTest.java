package io.kolmo.codec.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.Limits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** docs/FORMAT.md's worked example must be exactly what the writer produces and the reader accepts. */
class FormatDocumentTest {
    private static byte[] documentedExample() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).resolve("../docs/FORMAT.md").normalize();
        String text = Files.readString(doc);
        int start = text.indexOf("```hex");
        assertTrue(start >= 0, "FORMAT.md has a ```hex block");
        int end = text.indexOf("```", start + 6);
        String hex = text.substring(start + 6, end).replaceAll("\\s+", "");
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void writerProducesTheDocumentedBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        w.writeHeader(new StreamHeader(4, 65536, new byte[0], new byte[0]));
        byte[] data = "kolmo".getBytes(StandardCharsets.US_ASCII);
        w.writeFrame(data, 0, data.length, data, 0, data.length, true);
        w.writeEnd();
        assertArrayEquals(documentedExample(), out.toByteArray());
    }

    @Test
    void readerAcceptsTheDocumentedBytes() throws IOException {
        FrameReader r = new FrameReader(new ByteArrayInputStream(documentedExample()), Limits.defaults());
        StreamHeader h = r.readHeader();
        assertEquals(4, h.codecId());
        assertEquals(65536, h.frameSize());
        FrameReader.Frame f = r.next();
        assertTrue(f.stored());
        assertEquals("kolmo", new String(f.payload(), 0, f.payloadLength(), StandardCharsets.US_ASCII));
        assertNull(r.next());
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update("kolmo".getBytes(StandardCharsets.US_ASCII));
        r.checkEnd(5, (int) crc.getValue());
    }
}
