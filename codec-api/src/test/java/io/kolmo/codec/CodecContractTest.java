package io.kolmo.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kolmo.codec.format.FrameReader;
import io.kolmo.codec.stream.KolmoInputStream;
import io.kolmo.codec.stream.KolmoOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every codec meets. A codec's test extends this class and supplies the codec;
 * codecs that are slow may lower {@link #maxCorpusFileSize()}.
 */
public abstract class CodecContractTest {
    /** The codec under test, with default options. */
    protected abstract Codec codec() throws IOException;

    /** The codec under test with a given frame size (for multi-frame tests). */
    protected Codec codec(int frameSize) throws IOException {
        Codec c = codec();
        return Codecs.provider(c.id()).orElseThrow().create(c.options().withFrameSize(frameSize));
    }

    /** Largest corpus file the round-trip tests use; slow codecs lower it. */
    protected long maxCorpusFileSize() {
        return Long.MAX_VALUE;
    }

    /**
     * Decodes a complete stream as a reader that does not know the codec beforehand would: through
     * the registry ({@link Codecs#decompress(byte[])}). A model codec tested with a test-double model,
     * which its registered provider cannot know, overrides this to decode with its own codec.
     */
    protected byte[] decompressAny(byte[] stream) throws IOException {
        return Codecs.decompress(stream);
    }

    protected void assertRoundTrip(Codec codec, byte[] data) throws IOException {
        byte[] packed = codec.compress(data);
        assertArrayEquals(data, codec.decompress(packed), codec.name() + " round trip of " + data.length + " bytes");
        assertArrayEquals(data, decompressAny(packed), "registry round trip");
    }

    @Test
    void testEmpty() throws IOException {
        assertRoundTrip(codec(), new byte[0]);
    }

    @Test
    void testOneByte() throws IOException {
        assertRoundTrip(codec(), new byte[] {42});
        assertRoundTrip(codec(), new byte[] {(byte) 0xFF});
    }

    @Test
    void testTwoBytes() throws IOException {
        assertRoundTrip(codec(), new byte[] {0, 0});
        assertRoundTrip(codec(), new byte[] {(byte) 0x80, 1});
    }

    @Test
    void testLongSame() throws IOException {
        Codec codec = codec();
        byte[] data = TestData.run(1 << 20, (byte) 'a');
        byte[] packed = codec.compress(data);
        assertTrue(packed.length < data.length / 50, "a 1 MiB run should shrink well, got " + packed.length);
        assertArrayEquals(data, codec.decompress(packed));
    }

    @Test
    void testRandom() throws IOException {
        byte[] data = TestData.random(300_000, 1);
        byte[] packed = codec().compress(data);
        // Incompressible frames are stored: random data grows by container overhead only.
        assertTrue(packed.length < data.length + 256, "random data expanded to " + packed.length);
        assertArrayEquals(data, codec().decompress(packed));
    }

    @Test
    void testText() throws IOException {
        byte[] data = TestData.text(200_000, 2);
        byte[] packed = codec().compress(data);
        assertTrue(packed.length < data.length / 2, "text should at least halve, got " + packed.length);
        assertArrayEquals(data, codec().decompress(packed));
    }

    @Test
    void testAllByteValues() throws IOException {
        byte[] data = new byte[256 * 40];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + i / 256);
        }
        assertRoundTrip(codec(), data);
    }

    @Test
    void testManyFrames() throws IOException {
        Codec small = codec(4093);
        byte[] data = TestData.text(50_000, 3);
        byte[] packed = small.compress(data);
        assertArrayEquals(data, small.decompress(packed));
        assertArrayEquals(data, decompressAny(packed));
    }

    @Test
    void testByteAtATime() throws IOException {
        Codec codec = codec(1000);
        byte[] data = TestData.text(5_000, 4);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = codec.newOutputStream(sink)) {
            for (byte b : data) {
                out.write(b);
            }
        }
        assertArrayEquals(codec.compress(data), sink.toByteArray(), "byte-wise writes give the same stream");
        try (InputStream in = codec.newInputStream(new OneByteInputStream(sink.toByteArray()))) {
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                back.write(b);
            }
            assertArrayEquals(data, back.toByteArray());
        }
    }

    @Test
    void testOddChunkSizes() throws IOException {
        Codec codec = codec(10_000);
        byte[] data = TestData.text(60_000, 5);
        byte[] expected = codec.compress(data);
        for (int chunk : new int[] {1, 3, 7, 4093, 9_999, 10_001, 65_536}) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (OutputStream out = codec.newOutputStream(sink)) {
                for (int i = 0; i < data.length; i += chunk) {
                    out.write(data, i, Math.min(chunk, data.length - i));
                }
            }
            assertArrayEquals(expected, sink.toByteArray(), "chunk " + chunk);
            try (InputStream in = codec.newInputStream(new ByteArrayInputStream(expected))) {
                ByteArrayOutputStream back = new ByteArrayOutputStream();
                byte[] buf = new byte[chunk];
                for (int n; (n = in.read(buf, 0, chunk)) >= 0; ) {
                    back.write(buf, 0, n);
                }
                assertArrayEquals(data, back.toByteArray(), "read chunk " + chunk);
            }
        }
    }

    @Test
    void testFlushMakesDataReadable() throws IOException {
        Codec codec = codec();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        KolmoOutputStream out = codec.newOutputStream(sink);
        byte[] first = TestData.text(3_000, 6);
        out.write(first);
        out.flush();
        try (InputStream in = codec.newInputStream(new ByteArrayInputStream(sink.toByteArray()))) {
            assertArrayEquals(first, in.readNBytes(first.length));
        }
        out.write(first);
        out.close();
        byte[] both = new byte[first.length * 2];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(first, 0, both, first.length, first.length);
        assertArrayEquals(both, codec.decompress(sink.toByteArray()));
    }

    @Test
    void testFinishDoesNotCloseAndCloseIsIdempotent() throws IOException {
        CloseTrackingOutputStream sink = new CloseTrackingOutputStream();
        KolmoOutputStream out = codec().newOutputStream(sink);
        out.write(TestData.text(1000, 7));
        out.finish();
        out.finish();
        assertFalse(sink.closed, "finish() must not close the underlying stream");
        assertThrows(IOException.class, () -> out.write(1), "writing after finish");
        out.close();
        out.close();
        assertTrue(sink.closed);
    }

    @Test
    void testStopsAtEndRecord() throws IOException {
        Codec codec = codec();
        byte[] data = TestData.text(2_000, 8);
        byte[] packed = codec.compress(data);
        byte[] trailing = new byte[packed.length + 3];
        System.arraycopy(packed, 0, trailing, 0, packed.length);
        trailing[packed.length] = 'x';
        ByteArrayInputStream raw = new ByteArrayInputStream(trailing);
        KolmoInputStream in = codec.newInputStream(raw);
        assertArrayEquals(data, in.readAllBytes());
        assertEquals('x', raw.read(), "the reader must not consume bytes after the end record");
    }

    @Test
    void testDeterministic() throws IOException {
        byte[] data = TestData.text(30_000, 9);
        assertArrayEquals(codec().compress(data), codec().compress(data));
    }

    @Test
    void testHeapAndDirectByteBufs() throws IOException {
        Codec codec = codec();
        byte[] data = TestData.text(20_000, 10);
        for (ByteBufAllocator alloc : List.of(UnpooledByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT)) {
            for (boolean direct : new boolean[] {false, true}) {
                ByteBuf src = direct ? alloc.directBuffer() : alloc.heapBuffer();
                ByteBuf packed = null;
                ByteBuf back = null;
                try {
                    src.writeBytes(data);
                    packed = codec.compress(src, alloc);
                    assertEquals(0, src.readableBytes(), "compress consumes the source");
                    back = codec.decompress(packed, alloc);
                    byte[] out = new byte[back.readableBytes()];
                    back.readBytes(out);
                    assertArrayEquals(data, out, (direct ? "direct" : "heap") + " buffers");
                } finally {
                    src.release();
                    if (packed != null) {
                        packed.release();
                    }
                    if (back != null) {
                        back.release();
                    }
                }
            }
        }
    }

    @Test
    void testMeasureMatchesPayload() throws IOException {
        Codec codec = codec();
        byte[] data = TestData.text(100_000, 11);
        long measured = codec.measure(data);
        long payloadBits = payloadBits(codec.compress(data));
        assertEquals(payloadBits, measured, "measure() must equal the payload the stream carries");
        assertEquals(measured, codec.measure(new ByteArrayInputStream(data)), "measure(InputStream)");
    }

    /** Sum of the payload sizes of a stream's frames, in bits (coded frames only). */
    protected static long payloadBits(byte[] stream) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream), Limits.defaults());
        reader.readHeader();
        long bits = 0;
        for (FrameReader.Frame f; (f = reader.next()) != null; ) {
            assertFalse(f.stored(), "test data must not be stored raw");
            bits += 8L * f.payloadLength();
        }
        return bits;
    }

    @Test
    void testEveryBitFlipIsDetected() throws IOException {
        Codec codec = codec(400);
        byte[] data = TestData.text(1_000, 12);
        byte[] packed = codec.compress(data);
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int bit = 0; bit < packed.length * 8; bit++) {
                byte[] damaged = packed.clone();
                damaged[bit >>> 3] ^= (byte) (1 << (bit & 7));
                try {
                    byte[] out = decompressAny(damaged);
                    fail("flipping bit " + bit + " of " + packed.length * 8 + " went undetected"
                            + (java.util.Arrays.equals(out, data) ? " (same output)" : " (WRONG OUTPUT)"));
                } catch (IOException expected) {
                    assertFalse(expected.getMessage() == null || expected.getMessage().isBlank(),
                            "exceptions must say what is wrong");
                }
            }
        });
    }

    @Test
    void testEveryTruncationIsDetected() throws IOException {
        Codec codec = codec(400);
        byte[] data = TestData.text(1_000, 13);
        byte[] packed = codec.compress(data);
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int cut = 0; cut < packed.length; cut++) {
                byte[] truncated = java.util.Arrays.copyOf(packed, cut);
                IOException e = assertThrows(IOException.class, () -> decompressAny(truncated),
                        "cut at " + cut + " of " + packed.length);
                assertInstanceOf(EOFException.class, e, "cut at " + cut + ": " + e);
                assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            }
        });
    }

    @Test
    void testHostileFrameSizeIsRefusedBeforeAllocating() throws IOException {
        byte[] packed = codec(1 << 20).compress(TestData.text(100, 14));
        Limits tight = Limits.defaults().withMaxFrameSize(1000);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> Codecs.newInputStream(new ByteArrayInputStream(packed), tight));
        assertEquals(1 << 20, e.needed());
        assertEquals(1000, e.limit());
    }

    @TestFactory
    Stream<DynamicTest> testCanterburyCorpus() throws IOException {
        List<Path> files = TestData.canterburyFiles();
        if (files.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("corpus absent: skipped",
                    () -> org.junit.jupiter.api.Assumptions.abort("shared data not found")));
        }
        Codec codec = codec();
        return files.stream().filter(p -> size(p) <= maxCorpusFileSize()).map(p -> DynamicTest.dynamicTest(
                p.getFileName().toString(), () -> {
                    byte[] data = Files.readAllBytes(p);
                    byte[] packed = codec.compress(data);
                    assertTrue(packed.length <= data.length + 64, "no file may grow by more than the container");
                    assertArrayEquals(data, codec.decompress(packed), p.toString());
                }));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Returns at most one byte per read call, to exercise partial reads. */
    static final class OneByteInputStream extends InputStream {
        private final byte[] data;
        private int pos;

        OneByteInputStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }

    static final class CloseTrackingOutputStream extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
