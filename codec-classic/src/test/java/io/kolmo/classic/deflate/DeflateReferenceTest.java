package io.kolmo.classic.deflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.classic.ExternalTool;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Cross-checks deflate payloads against the gzip tool, in both directions. */
class DeflateReferenceTest {
    private static final byte[] DATA = TestData.text(100_000, 31);

    private static byte[] encode(Codec codec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BlockEncoder encoder = codec.newEncoder()) {
            encoder.encode(DATA, 0, DATA.length, out);
        }
        return out.toByteArray();
    }

    @Test
    void gzipDecodesOurPayload() throws Exception {
        ExternalTool.assumeInstalled("gzip");
        byte[] payload = encode(new DeflateCodec(CodecOptions.defaults()));
        // A gzip member is a 10-byte header, raw deflate, then CRC-32 and length.
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        member.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        member.write(payload);
        CRC32 crc = new CRC32();
        crc.update(DATA);
        writeIntLE(member, (int) crc.getValue());
        writeIntLE(member, DATA.length);
        assertArrayEquals(DATA, ExternalTool.run(member.toByteArray(), "gzip", "-dc"));
    }

    @Test
    void weDecodeGzipsPayload() throws Exception {
        ExternalTool.assumeInstalled("gzip");
        byte[] gz = ExternalTool.run(DATA, "gzip", "-9", "-n", "-c");
        assertTrue((gz[3] & 0xff) == 0, "gzip -n writes no optional header fields");
        byte[] payload = Arrays.copyOfRange(gz, 10, gz.length - 8);
        byte[] back = new byte[DATA.length];
        try (BlockDecoder decoder = new DeflateCodec(CodecOptions.defaults()).newDecoder()) {
            decoder.decode(payload, 0, payload.length, back, 0, back.length);
        }
        assertArrayEquals(DATA, back);
    }

    @Test
    void levelsTradeSizeAndAllDecodeAlike() throws IOException {
        byte[] fast = encode(new DeflateCodec(CodecOptions.defaults().withLevel(1)));
        byte[] best = encode(new DeflateCodec(CodecOptions.defaults().withLevel(9)));
        assertTrue(best.length < fast.length, best.length + " vs " + fast.length);
        Codec reader = new DeflateCodec(CodecOptions.defaults());
        for (byte[] payload : new byte[][] {fast, best}) {
            byte[] back = new byte[DATA.length];
            try (BlockDecoder decoder = reader.newDecoder()) {
                decoder.decode(payload, 0, payload.length, back, 0, back.length);
            }
            assertArrayEquals(DATA, back);
        }
    }

    private static void writeIntLE(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 32; i += 8) {
            out.write(v >>> i);
        }
    }
}
