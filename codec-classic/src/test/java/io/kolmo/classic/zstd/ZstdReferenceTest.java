package io.kolmo.classic.zstd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.classic.ExternalTool;
import io.kolmo.codec.Availability;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.TestData;
import io.kolmo.codec.UnsupportedFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The native-library probe, the level mapping, and payloads cross-checked with the zstd tool. */
class ZstdReferenceTest {
    private static final byte[] DATA = TestData.text(100_000, 51);
    private static final byte[] MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

    @Test
    void probeKeepsTheCauseOfALoadFailure() {
        UnsatisfiedLinkError failure = new UnsatisfiedLinkError("no libzstd-jni for this platform");
        Availability a = ZstdNativeProbe.probe(() -> {
            throw failure;
        });
        assertFalse(a.isAvailable());
        assertSame(failure, a.cause().orElseThrow());
        assertTrue(a.reason().contains("no libzstd-jni for this platform"), a.reason());
        UnsupportedFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedFormatException.class, () -> a.ensureAvailable("codec 'zstd'"));
        assertInstanceOf(UnsatisfiedLinkError.class, e.getCause());
    }

    @Test
    void probeAnswersTheSameEveryTime() {
        assertSame(ZstdNativeProbe.availability(), ZstdNativeProbe.availability());
        assertSame(ZstdNativeProbe.availability(), Codecs.provider("zstd").orElseThrow().availability());
    }

    @Test
    void levelsSpreadOverZstdsRange() {
        assertEquals(1, ZstdCodec.zstdLevel(1));
        assertEquals(3, ZstdCodec.zstdLevel(ZstdCodec.DEFAULT_LEVEL));
        assertEquals(19, ZstdCodec.zstdLevel(9));
        for (int level = 2; level <= 9; level++) {
            assertTrue(ZstdCodec.zstdLevel(level) > ZstdCodec.zstdLevel(level - 1));
        }
    }

    private static Codec codec(int level) throws IOException {
        Assumptions.assumeTrue(ZstdNativeProbe.availability().isAvailable(), ZstdNativeProbe.availability().reason());
        return Codecs.get("zstd", CodecOptions.defaults().withLevel(level));
    }

    private static byte[] encode(Codec codec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BlockEncoder encoder = codec.newEncoder()) {
            encoder.encode(DATA, 0, DATA.length, out);
        }
        return out.toByteArray();
    }

    @Test
    void zstdDecodesOurPayloadOnceTheMagicIsPutBack() throws Exception {
        ExternalTool.assumeInstalled("zstd");
        byte[] payload = encode(codec(9));
        byte[] frame = new byte[MAGIC.length + payload.length];
        System.arraycopy(MAGIC, 0, frame, 0, MAGIC.length);
        System.arraycopy(payload, 0, frame, MAGIC.length, payload.length);
        assertArrayEquals(DATA, ExternalTool.run(frame, "zstd", "-dc"));
    }

    @Test
    void weDecodeZstdsFrameWithoutItsMagic() throws Exception {
        ExternalTool.assumeInstalled("zstd");
        byte[] frame = ExternalTool.run(DATA, "zstd", "-c", "-19", "--no-check");
        byte[] payload = Arrays.copyOfRange(frame, MAGIC.length, frame.length);
        byte[] back = new byte[DATA.length];
        try (BlockDecoder decoder = codec(3).newDecoder()) {
            decoder.decode(payload, 0, payload.length, back, 0, back.length);
        }
        assertArrayEquals(DATA, back);
    }

    @Test
    void levelsTradeSize() throws IOException {
        assertTrue(encode(codec(9)).length < encode(codec(1)).length);
    }
}
