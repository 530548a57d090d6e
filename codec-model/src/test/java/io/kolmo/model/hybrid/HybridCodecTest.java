package io.kolmo.model.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.ModelMismatchException;
import io.kolmo.codec.TestData;
import io.kolmo.codec.UnsupportedFormatException;
import io.kolmo.codec.format.FrameReader;
import io.kolmo.codec.format.StreamHeader;
import io.kolmo.codec.Limits;
import io.kolmo.model.net.ByteModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HybridCodecTest {
    private static final ByteModel ORDER_ONE = FunctionByteModel.orderOne(64);

    private static Codec hybrid(ByteModel model, int level) {
        return new HybridCodec(model, CodecOptions.defaults().withLevel(level));
    }

    private static Codec cm(int level) throws IOException {
        return Codecs.get("cm", CodecOptions.defaults().withLevel(level));
    }

    /** Random bytes, then 32-bit little-endian records of a slowly drifting counter with noise. */
    private static byte[] binary(int n, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        r.nextBytes(b);
        int v = 0;
        for (int i = n / 2; i + 4 <= n; i += 4) {
            v += r.nextInt(64);
            int x = v ^ r.nextInt(4) << 20;
            b[i] = (byte) x;
            b[i + 1] = (byte) (x >>> 8);
            b[i + 2] = (byte) (x >>> 16);
            b[i + 3] = (byte) (x >>> 24);
        }
        return b;
    }

    @Test
    void aWeakModelCostsAtMostTwoPercentOverCmOnRandomAndBinaryData() throws IOException {
        byte[] random = TestData.random(100_000, 41);
        byte[] binary = binary(100_000, 42);
        for (int level : new int[] {1, 4, 6}) {
            for (byte[] data : new byte[][] {random, binary}) {
                long cm = cm(level).measure(data);
                long hybrid = hybrid(ORDER_ONE, level).measure(data);
                assertTrue(hybrid <= cm * 1.02, "level " + level + ": hybrid " + hybrid + " bits, cm " + cm);
            }
        }
    }

    @Test
    void aModelThatKnowsTheTextBeatsCm() throws IOException {
        byte[] text = TestData.text(60_000, 43);
        ByteModel knowing = FunctionByteModel.knowing(text, 64);
        long cm = cm(4).measure(text);
        long hybrid = hybrid(knowing, 4).measure(text);
        assertTrue(hybrid < cm * 0.8, "hybrid " + hybrid + " bits, cm " + cm);
        Codec codec = hybrid(knowing, 4);
        assertArrayEquals(text, codec.decompress(codec.compress(text)));
    }

    @Test
    void measureEqualsPayloadBitsOverManyFrames() throws IOException {
        Codec codec = new HybridCodec(ORDER_ONE, CodecOptions.defaults().withFrameSize(3001));
        byte[] data = TestData.text(20_000, 44);
        byte[] packed = codec.compress(data);
        long payload = 0;
        FrameReader reader = new FrameReader(new ByteArrayInputStream(packed), Limits.defaults());
        reader.readHeader();
        for (FrameReader.Frame f; (f = reader.next()) != null; ) {
            payload += 8L * f.payloadLength();
        }
        assertEquals(payload, codec.measure(data));
    }

    @Test
    void encoderAndDecoderAgreeAcrossFrameSizesAndContexts() throws IOException {
        byte[] data = TestData.text(3_000, 45);
        for (int context : new int[] {2, 3, 64, 65}) {
            ByteModel model = FunctionByteModel.orderOne(context);
            for (int frame : new int[] {1, 2, 3, 31, 32, 33, 63, 64, 65, 66, 95, 96, 97, 98, 129, 1000, 4096}) {
                Codec codec = new HybridCodec(model, CodecOptions.defaults().withFrameSize(frame));
                assertArrayEquals(data, codec.decompress(codec.compress(data)), "context " + context + ", frame " + frame);
            }
        }
    }

    @Test
    void aStreamOfAnotherModelIsRefusedNamingBothModels() throws IOException {
        ByteModel other = FunctionByteModel.orderOne(128);
        byte[] packed = hybrid(ORDER_ONE, 4).compress(TestData.text(1_000, 46));
        ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> hybrid(other, 4).decompress(packed));
        assertEquals(ORDER_ONE.info().idHex(), e.expectedModelId());
        assertEquals(other.info().idHex(), e.availableModelId());
        assertTrue(e.getMessage().contains(ORDER_ONE.info().idHex()) && e.getMessage().contains(other.info().idHex()),
                e.getMessage());
    }

    @Test
    void levelAndModelTravelInTheHeader() throws IOException {
        Codec nine = hybrid(ORDER_ONE, 9);
        assertArrayEquals(new byte[] {4, 9, 48, 0}, nine.parameters()); // stride 3/4 of the context of 64
        assertArrayEquals(ORDER_ONE.info().id(), nine.modelId());
        StreamHeader header = new StreamHeader(HybridCodec.ID, 4096, nine.modelId(), nine.parameters());
        HybridCodec read = assertInstanceOf(HybridCodec.class, hybrid(ORDER_ONE, 4).forStream(header));
        assertEquals(9, read.level());
        assertEquals(4096, read.frameSize());
        assertSame(ORDER_ONE, read.model());
        byte[] data = TestData.text(5_000, 47);
        assertArrayEquals(data, hybrid(ORDER_ONE, 2).decompress(nine.compress(data)));
    }

    /**
     * Streams of format version 3 (written by the codec before the network chose a mixer's weights,
     * committed as test resources) still decode to their bytes, and a codec made for them writes
     * version 3 again, byte for byte the same stream.
     */
    /** A stream written by an earlier build, kept beside this test. */
    private static byte[] fixture(String name) throws IOException {
        try (var in = HybridCodecTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("fixture " + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    @Test
    void versionThreeStreamsStillDecode() throws IOException {
        byte[] data = TestData.text(3_000, 48);
        for (int level : new int[] {4, 9}) {
            byte[] v3 = fixture("hybrid-v3-level" + level + ".bin");
            Codec dflt = hybrid(ORDER_ONE, 4);
            assertArrayEquals(data, dflt.decompress(v3), "level " + level);
            StreamHeader header = new FrameReader(new ByteArrayInputStream(v3), Limits.defaults()).readHeader();
            HybridCodec old = assertInstanceOf(HybridCodec.class, dflt.forStream(header));
            assertEquals(3, old.formatVersion());
            assertArrayEquals(v3, old.compress(data), "level " + level);
            // and the current version writes other bytes (the network's mixer) that decode too
            byte[] v4 = hybrid(ORDER_ONE, level).compress(data);
            assertEquals(4, ((HybridCodec) hybrid(ORDER_ONE, level)).formatVersion());
            assertArrayEquals(data, dflt.decompress(v4));
            assertFalse(java.util.Arrays.equals(v3, v4), "level " + level);
        }
    }

    /**
     * Version 4 frozen: streams written when it was introduced (e6d5938; fixtures with this test model)
     * decode, and the encoder still writes them byte for byte. A change that fails this needs a new
     * format version, with these fixtures kept decoding.
     */
    @Test
    void versionFourStreamsStillDecodeAndAreWrittenAsBefore() throws IOException {
        byte[] data = TestData.text(3_000, 48);
        for (int level : new int[] {4, 9}) {
            byte[] v4 = fixture("hybrid-v4-level" + level + ".bin");
            assertArrayEquals(data, hybrid(ORDER_ONE, 4).decompress(v4), "level " + level);
            assertArrayEquals(v4, hybrid(ORDER_ONE, level).compress(data), "level " + level);
        }
    }

    @Test
    void unknownParametersAreRefused() throws IOException {
        Codec codec = hybrid(ORDER_ONE, 4);
        byte[] id = ORDER_ONE.info().id();
        for (byte[] p : new byte[][] {{3, 4}, {0, 4}, {2, 0}, {2, 10}, {1, 0}, {2}, {}, {3, 4, 32}, {2, 4, 32, 0},
                {3, 0, 32, 0}, {3, 4, 0, 0}, {3, 4, 64, 0}, {3, 4, (byte) 0xFF, (byte) 0xFF}, {4, 4}, {4, 4, 0, 0},
                {4, 10, 32, 0}, {5, 4, 32, 0}}) {
            assertThrows(UnsupportedFormatException.class,
                    () -> codec.forStream(new StreamHeader(HybridCodec.ID, 1024, id, p)));
        }
        // Version 1 streams decode at levels 1-5 (same models); at 6-9 they are refused by name.
        assertEquals(5, assertInstanceOf(HybridCodec.class,
                codec.forStream(new StreamHeader(HybridCodec.ID, 1024, id, new byte[] {1, 5}))).level());
        UnsupportedFormatException old = assertThrows(UnsupportedFormatException.class,
                () -> codec.forStream(new StreamHeader(HybridCodec.ID, 1024, id, new byte[] {1, 6})));
        assertTrue(old.getMessage().contains("version 1 at level 6"), old.getMessage());
        assertThrows(UnsupportedFormatException.class,
                () -> codec.forStream(new StreamHeader(5, 1024, id, new byte[] {1, 4})));
    }

    @Test
    void theStrideTravelsInTheHeaderAndOlderVersionsUseHalfTheContext() throws IOException {
        byte[] data = TestData.text(3_000, 48);
        byte[] id = ORDER_ONE.info().id();
        Codec dflt = hybrid(ORDER_ONE, 4);
        assertEquals(48, ((HybridCodec) dflt).stride());
        for (int stride : new int[] {1, 32, 63}) {
            Codec c = new HybridCodec(ORDER_ONE, CodecOptions.defaults().withLevel(4)
                    .with(HybridCodec.STRIDE_PROPERTY, Integer.toString(stride)));
            assertEquals(stride, ((HybridCodec) c).stride());
            HybridCodec read = assertInstanceOf(HybridCodec.class,
                    dflt.forStream(new StreamHeader(HybridCodec.ID, 4096, id, c.parameters())));
            assertEquals(stride, read.stride());
            assertArrayEquals(data, dflt.decompress(c.compress(data)), "stride " + stride);
        }
        // versions 1 and 2 had no stride field: half the context
        for (int version : new int[] {1, 2}) {
            HybridCodec old = assertInstanceOf(HybridCodec.class,
                    dflt.forStream(new StreamHeader(HybridCodec.ID, 4096, id, new byte[] {(byte) version, 4})));
            assertEquals(32, old.stride());
        }
        for (String bad : new String[] {"0", "64", "-1", "x", ""}) {
            assertThrows(IllegalArgumentException.class, () -> new HybridCodec(ORDER_ONE,
                    CodecOptions.defaults().with(HybridCodec.STRIDE_PROPERTY, bad)), bad);
        }
    }

    @Test
    void framesDecodeSideBySideAndADamagedOneFailsAlone() throws IOException {
        Codec codec = hybrid(ORDER_ONE, 4);
        int frames = 5;
        byte[][] original = new byte[frames][];
        byte[][] payload = new byte[frames][];
        try (var enc = codec.newEncoder()) {
            for (int i = 0; i < frames; i++) {
                original[i] = TestData.text(3_000 + 500 * i, 60 + i);
                var out = new java.io.ByteArrayOutputStream();
                enc.encode(original[i], 0, original[i].length, out);
                payload[i] = out.toByteArray();
            }
        }
        payload[2][payload[2].length / 2] ^= 0x10;
        try (var dec = codec.newDecoder()) {
            var batch = assertInstanceOf(io.kolmo.codec.BatchBlockDecoder.class, dec);
            assertTrue(batch.batchSize() >= 1);
            java.util.List<io.kolmo.codec.BatchBlockDecoder.Block> blocks = new java.util.ArrayList<>();
            byte[][] got = new byte[frames][];
            for (int i = 0; i < frames; i++) {
                got[i] = new byte[original[i].length];
                blocks.add(new io.kolmo.codec.BatchBlockDecoder.Block(payload[i], 0, payload[i].length, got[i], 0,
                        got[i].length));
            }
            var failed = batch.decode(blocks);
            for (int i = 0; i < frames; i++) {
                if (i == 2) {
                    // a flipped bit either fails the range decoder's end check or decodes other bytes
                    assertTrue(failed[i] != null || !java.util.Arrays.equals(original[i], got[i]), "frame 2");
                } else {
                    assertEquals(null, failed[i], "frame " + i);
                    assertArrayEquals(original[i], got[i], "frame " + i);
                }
            }
        }
        // at level 6-9 frames decode one at a time
        try (var dec = hybrid(ORDER_ONE, 6).newDecoder()) {
            assertEquals(1, ((io.kolmo.codec.BatchBlockDecoder) dec).batchSize());
        }
    }

    @Test
    void theProviderIsRegisteredAndTheDefaultIsHybridOnlyWhereItIsAvailable() {
        var provider = Codecs.provider(HybridCodec.NAME).orElseThrow();
        assertEquals(HybridCodec.ID, provider.id());
        Codecs.Choice choice = Codecs.defaultChoice();
        if (provider.defaultAvailability().isAvailable()) {
            assertTrue(provider.availability().isAvailable(), "a default must also decode");
            assertEquals(HybridCodec.NAME, choice.provider().name());
            assertTrue(io.kolmo.model.OnnxRuntimeProbe.runtime().isAvailable(), "hybrid is the default only on ONNX Runtime");
        } else {
            assertEquals("cm", choice.provider().name());
            assertTrue(choice.reason().contains("hybrid: " + provider.defaultAvailability().reason()), choice.reason());
        }
    }
}
