package io.kolmo.classic.xz;

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
import org.junit.jupiter.api.Test;

/** Cross-checks LZMA2 payloads against the xz tool's raw mode, in both directions. */
class XzReferenceTest {
    private static final byte[] DATA = TestData.text(200_000, 41);
    /** The encoder caps the dictionary at the frame; any dictionary at least that large decodes. */
    private static final String RAW_FILTER = "--lzma2=preset=6,dict=8MiB";

    private static byte[] encode(Codec codec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BlockEncoder encoder = codec.newEncoder()) {
            encoder.encode(DATA, 0, DATA.length, out);
        }
        return out.toByteArray();
    }

    @Test
    void xzDecodesOurPayload() throws Exception {
        ExternalTool.assumeInstalled("xz");
        byte[] payload = encode(new XzCodec(CodecOptions.defaults()));
        assertArrayEquals(DATA, ExternalTool.run(payload, "xz", "-dc", "--format=raw", RAW_FILTER));
    }

    @Test
    void weDecodeXzsPayload() throws Exception {
        ExternalTool.assumeInstalled("xz");
        byte[] payload = ExternalTool.run(DATA, "xz", "-c", "--format=raw", RAW_FILTER);
        byte[] back = new byte[DATA.length];
        try (BlockDecoder decoder = new XzCodec(CodecOptions.defaults()).newDecoder()) {
            decoder.decode(payload, 0, payload.length, back, 0, back.length);
        }
        assertArrayEquals(DATA, back);
    }

    @Test
    void levelsTradeSize() throws IOException {
        byte[] fast = encode(new XzCodec(CodecOptions.defaults().withLevel(1)));
        byte[] best = encode(new XzCodec(CodecOptions.defaults().withLevel(9)));
        assertTrue(best.length < fast.length, best.length + " vs " + fast.length);
    }
}
