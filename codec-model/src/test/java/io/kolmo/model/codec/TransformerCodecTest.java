package io.kolmo.model.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.BatchBlockDecoder;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.Limits;
import io.kolmo.codec.ModelMismatchException;
import io.kolmo.codec.TestData;
import io.kolmo.codec.UnsupportedFormatException;
import io.kolmo.codec.format.FrameReader;
import io.kolmo.codec.format.StreamHeader;
import io.kolmo.codec.format.Varint;
import io.kolmo.model.net.ByteModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class TransformerCodecTest {
    /** Context 64, stride 32: windows roll over every 32 bytes. */
    static final CountingByteModel SMALL = new CountingByteModel(64, "small");
    /** An odd context, where consecutive windows would both predict one byte. */
    static final CountingByteModel ODD = new CountingByteModel(7, "odd");
    static final CountingByteModel OTHER = new CountingByteModel(64, "other");

    /** Lengths around multiples of the stride (32) and the context (64) of {@link #SMALL}. */
    static final int[] LENGTHS = {1, 2, 3, 31, 32, 33, 63, 64, 65, 95, 96, 97, 127, 128, 129, 3 * 32 + 1, 300, 1000};

    static TransformerCodec codec(ByteModel model, int frame, int batch) throws IOException {
        return new TransformerCodec(model, CodecOptions.defaults().withFrameSize(frame)
                .with(TransformerCodec.BATCH_PROPERTY, Integer.toString(batch)));
    }

    static byte[] frameData(int len, long seed) {
        byte[] text = TestData.text(len, seed);
        if (seed % 3 == 0) {
            // some binary bytes too
            for (int i = 0; i < len; i += 7) {
                text[i] = (byte) (i * 31 + seed);
            }
        }
        return text;
    }

    static byte[] encode(BlockEncoder enc, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        enc.encode(data, 0, data.length, out);
        return out.toByteArray();
    }

    /**
     * Format version 1 frozen: a stream written with this test model (three frames; unchanged from
     * 5513e38 to now) decodes, and the encoder writes it byte for byte at batch 1 and batch 8. A change
     * that fails this needs a new format version, with this fixture kept decoding.
     */
    @Test
    void versionOneStreamsStillDecodeAndAreWrittenAsBefore() throws IOException {
        byte[] data = frameData(3_000, 48);
        byte[] v1;
        try (InputStream in = TransformerCodecTest.class.getResourceAsStream("transformer-v1.bin")) {
            v1 = in.readAllBytes();
        }
        assertArrayEquals(data, codec(SMALL, 1024, 1).decompress(v1));
        assertArrayEquals(data, codec(SMALL, 64, 8).decompress(v1), "a decoder's own frame size and batch do not matter");
        for (int batch : new int[] {1, 8}) {
            assertArrayEquals(v1, codec(SMALL, 1024, batch).compress(data), "batch " + batch);
        }
    }

    @Test
    void planCodesEveryByteExactlyOnceWithinItsWindow() {
        for (int context : new int[] {2, 3, 4, 7, 8, 64}) {
            FramePlan plan = new FramePlan(context);
            for (int len = 0; len <= 6 * context + 3; len++) {
                int[] seen = new int[len];
                for (int k = 0; k < plan.windows(len); k++) {
                    int start = plan.start(k);
                    int length = plan.schedule().length(k, len);
                    assertTrue(length >= 1 && length <= context);
                    assertTrue(plan.from(k) - start >= 1 && plan.from(k) - start <= context, "prefix fits the context");
                    for (int p = plan.from(k); p < plan.end(k, len); p++) {
                        seen[p]++;
                        assertTrue(p - start - 1 >= 0 && p - start < length, "row inside the window");
                    }
                }
                for (int p = 1; p < len; p++) {
                    assertEquals(1, seen[p], "context " + context + ", length " + len + ", byte " + p);
                }
            }
        }
    }

    @Test
    void framesAroundStrideMultiplesRoundTripAndMeasureExactly() throws IOException {
        for (CountingByteModel model : List.of(SMALL, ODD)) {
            TransformerCodec codec = codec(model, 1 << 16, 16);
            try (BlockEncoder enc = codec.newEncoder(); BlockDecoder dec = codec.newDecoder()) {
                for (int len : concat(new int[] {0}, LENGTHS)) {
                    byte[] data = frameData(len, len);
                    byte[] payload = encode(enc, data);
                    assertEquals(8L * payload.length, enc.measure(data, 0, len), "measure, length " + len);
                    byte[] back = new byte[len + 2];
                    dec.decode(payload, 0, payload.length, back, 1, len);
                    assertArrayEquals(data, Arrays.copyOfRange(back, 1, len + 1), "context "
                            + model.info().contextLength() + ", length " + len);
                }
            }
        }
    }

    @Test
    void lockStepBatchesDecodeLikeSingleFrames() throws IOException {
        TransformerCodec codec = codec(SMALL, 1 << 16, 16);
        List<byte[]> frames = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        try (BlockEncoder enc = codec.newEncoder()) {
            for (int i = 0; i < LENGTHS.length; i++) {
                // shuffle lengths so that long and short frames share batches
                byte[] data = frameData(LENGTHS[(i * 7) % LENGTHS.length], 100 + i);
                frames.add(data);
                payloads.add(encode(enc, data));
            }
        }
        for (int batch : new int[] {1, 3, 16}) {
            try (BatchBlockDecoder dec = (BatchBlockDecoder) codec(SMALL, 1 << 16, batch).newDecoder()) {
                assertEquals(batch, dec.batchSize());
                List<BatchBlockDecoder.Block> blocks = new ArrayList<>();
                for (int i = 0; i < frames.size(); i++) {
                    byte[] p = payloads.get(i);
                    blocks.add(new BatchBlockDecoder.Block(p, 0, p.length, new byte[frames.get(i).length], 0,
                            frames.get(i).length));
                }
                CorruptedInputException[] failed = dec.decode(blocks);
                for (int i = 0; i < frames.size(); i++) {
                    assertNull(failed[i], "batch " + batch + ", frame " + i);
                    assertArrayEquals(frames.get(i), blocks.get(i).dst(), "batch " + batch + ", frame " + i);
                }
            }
        }
        assertTrue(SMALL.largestIncrementalBatch.get() >= 3, "frames were decoded in lock-step");
    }

    @Test
    void oneDamagedFrameOfABatchDoesNotSpoilTheOthers() throws IOException {
        TransformerCodec codec = codec(SMALL, 1 << 16, 8);
        byte[][] frames = new byte[5][];
        byte[][] payloads = new byte[5][];
        try (BlockEncoder enc = codec.newEncoder()) {
            for (int i = 0; i < frames.length; i++) {
                frames[i] = frameData(200 + 50 * i, 7 + i);
                payloads[i] = encode(enc, frames[i]);
            }
        }
        payloads[2][payloads[2].length / 2] ^= 0x10;
        try (BatchBlockDecoder dec = (BatchBlockDecoder) codec.newDecoder()) {
            List<BatchBlockDecoder.Block> blocks = new ArrayList<>();
            for (int i = 0; i < frames.length; i++) {
                blocks.add(new BatchBlockDecoder.Block(payloads[i], 0, payloads[i].length,
                        new byte[frames[i].length], 0, frames[i].length));
            }
            CorruptedInputException[] failed = dec.decode(blocks);
            for (int i = 0; i < frames.length; i++) {
                if (i != 2) {
                    assertNull(failed[i]);
                    assertArrayEquals(frames[i], blocks.get(i).dst());
                }
            }
            // The range decoder alone may not notice a flipped bit; the stream's CRC always does.
            assertTrue(failed[2] != null || !Arrays.equals(frames[2], blocks.get(2).dst()));
        }
    }

    @Test
    void streamsAreIdenticalForEveryBatchSizeAndDecodeWithAny() throws IOException {
        byte[] data = new byte[23_456];
        byte[] text = TestData.text(20_000, 42);
        System.arraycopy(text, 0, data, 0, text.length);
        System.arraycopy(TestData.random(data.length - text.length, 43), 0, data, text.length,
                data.length - text.length);
        int frame = 3 * 32 + 1 + 600; // not a multiple of the stride; last frame shorter
        byte[] expected = codec(SMALL, frame, 1).compress(data);
        for (int batch : new int[] {1, 3, 16}) {
            Codec codec = codec(SMALL, frame, batch);
            assertArrayEquals(expected, codec.compress(data), "batch " + batch + " writes the same stream");
            assertArrayEquals(data, codec.decompress(expected), "batch " + batch);
            try (InputStream in = codec.newInputStream(new ByteArrayInputStream(expected))) {
                ByteArrayOutputStream back = new ByteArrayOutputStream();
                for (int b; (b = in.read()) >= 0; ) {
                    back.write(b);
                }
                assertArrayEquals(data, back.toByteArray(), "byte at a time, batch " + batch);
            }
        }
    }

    @Test
    void damagedPayloadInABatchRaisesAfterTheFramesBeforeIt() throws IOException {
        int frame = 500;
        byte[] data = TestData.text(frame * 10 + 123, 77);
        for (int batch : new int[] {1, 3, 16}) {
            Codec codec = codec(SMALL, frame, batch);
            byte[] stream = codec.compress(data);
            damagePayloadKeepingRecordCrc(stream, 4);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            IOException e;
            try (InputStream in = codec.newInputStream(new ByteArrayInputStream(stream))) {
                byte[] buf = new byte[97];
                e = assertThrows(IOException.class, () -> {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        got.write(buf, 0, n);
                    }
                });
                assertSame(e, assertThrows(IOException.class, in::read), "later reads throw the same exception");
            }
            assertInstanceOf(CorruptedInputException.class, e, "batch " + batch + ": " + e);
            assertArrayEquals(Arrays.copyOf(data, 4 * frame), got.toByteArray(),
                    "batch " + batch + ": exactly the frames before the damaged one are returned");
        }
    }

    /** Flips a bit in frame {@code index}'s payload and rewrites the record CRC so that only decoding can notice. */
    static void damagePayloadKeepingRecordCrc(byte[] stream, int index) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream), Limits.defaults());
        reader.readHeader();
        FrameReader.Frame f = null;
        for (int i = 0; i <= index; i++) {
            f = reader.next();
        }
        assertFalse(f.stored());
        int head = 1 + Varint.size(f.originalLength()) + Varint.size(f.payloadLength()) + 4;
        int start = (int) f.offset();
        int payload = start + head + 4;
        stream[payload + f.payloadLength() / 2] ^= 0x04;
        CRC32C crc = new CRC32C();
        crc.update(stream, start, head);
        crc.update(stream, payload, f.payloadLength());
        int v = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            stream[start + head + i] = (byte) (v >>> (8 * i));
        }
    }

    @Test
    void encoderBatchesWindowsIntoForwardCalls() throws IOException {
        CountingByteModel model = new CountingByteModel(64, "calls");
        TransformerCodec codec = codec(model, 1 << 16, 16);
        byte[] data = frameData(640, 5);
        int windows = new FramePlan(64).windows(640);
        try (BlockEncoder enc = codec.newEncoder()) {
            encode(enc, data);
        }
        assertEquals((windows + TransformerCodec.ENCODE_WINDOWS_PER_CALL - 1) / TransformerCodec.ENCODE_WINDOWS_PER_CALL,
                model.forwardCalls.get());
        assertEquals(TransformerCodec.ENCODE_WINDOWS_PER_CALL, model.largestForwardBatch.get());
    }

    @Test
    void anotherModelFailsWithBothIds() throws IOException {
        byte[] stream = codec(SMALL, 1000, 16).compress(TestData.text(3000, 1));
        TransformerCodec other = codec(OTHER, 1000, 16);
        ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> other.decompress(stream));
        assertEquals(SMALL.info().idHex(), e.expectedModelId());
        assertEquals(OTHER.info().idHex(), e.availableModelId());
        assertTrue(e.getMessage().contains(SMALL.info().idHex()) && e.getMessage().contains(OTHER.info().idHex()),
                e.getMessage());

        TransformerCodec codec = codec(SMALL, 1000, 16);
        StreamHeader noModel = new StreamHeader(TransformerCodec.ID, 1000, new byte[0], codec.parameters());
        ModelMismatchException none = assertThrows(ModelMismatchException.class, () -> codec.forStream(noModel));
        assertTrue(none.getMessage().contains(SMALL.info().idHex()), none.getMessage());
    }

    @Test
    void headerAndParametersAreChecked() throws IOException {
        TransformerCodec codec = codec(SMALL, 1000, 16);
        assertArrayEquals(SMALL.info().id(), codec.modelId());
        assertEquals(5, codec.parameters().length);
        StreamHeader same = new StreamHeader(TransformerCodec.ID, 1000, SMALL.info().id(), codec.parameters());
        assertSame(codec, codec.forStream(same));
        Codec larger = codec.forStream(new StreamHeader(TransformerCodec.ID, 5000, SMALL.info().id(),
                codec.parameters()));
        assertEquals(5000, larger.frameSize());

        byte[] version = codec.parameters();
        version[0] = 2;
        assertThrows(UnsupportedFormatException.class, () -> codec.forStream(
                new StreamHeader(TransformerCodec.ID, 1000, SMALL.info().id(), version)));
        byte[] context = codec.parameters();
        context[1] = 65;
        assertThrows(UnsupportedFormatException.class, () -> codec.forStream(
                new StreamHeader(TransformerCodec.ID, 1000, SMALL.info().id(), context)));
        assertThrows(UnsupportedFormatException.class, () -> codec.forStream(
                new StreamHeader(TransformerCodec.ID, 1000, SMALL.info().id(), new byte[] {1})));
        assertThrows(UnsupportedFormatException.class, () -> codec.forStream(
                new StreamHeader(5, 1000, SMALL.info().id(), codec.parameters())));
    }

    @Test
    void options() throws IOException {
        TransformerCodec codec = new TransformerCodec(SMALL, CodecOptions.defaults());
        assertEquals(TransformerCodec.DEFAULT_FRAME_SIZE, codec.frameSize());
        assertEquals(TransformerCodec.DEFAULT_BATCH, codec.batchSize());
        assertEquals(16, ((BatchBlockDecoder) codec.newDecoder()).batchSize());
        for (String bad : new String[] {"0", "-1", "x", "100000"}) {
            assertThrows(UnsupportedFormatException.class, () -> new TransformerCodec(SMALL,
                    CodecOptions.defaults().with(TransformerCodec.BATCH_PROPERTY, bad)));
        }
        assertEquals("transformer", codec.name());
        assertEquals(6, codec.id());
    }

    @Test
    void providerWithoutTheModelSaysWhy() throws IOException {
        TransformerCodecProvider provider = new TransformerCodecProvider();
        assertEquals("transformer", provider.name());
        assertEquals(6, provider.id());
        var availability = provider.availability();
        if (availability.isAvailable()) {
            return; // the bundled model loaded here; nothing to check about its absence
        }
        assertFalse(availability.reason().isBlank());
        assertThrows(UnsupportedFormatException.class, () -> provider.create(CodecOptions.defaults()));
        StreamHeader header = new StreamHeader(TransformerCodec.ID, 1000, SMALL.info().id(),
                codec(SMALL, 1000, 1).parameters());
        ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> provider.forStream(header));
        assertEquals(HexFormat.of().formatHex(SMALL.info().id()), e.expectedModelId());
        assertNull(e.availableModelId());
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
