package io.kolmo.codec.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.BatchBlockDecoder;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.TestData;
import io.kolmo.codec.format.StreamHeader;
import io.kolmo.codec.testing.BitwiseTestCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KolmoInputStream} with a {@link BatchBlockDecoder}: read-ahead, checks and failures. */
class BatchReadAheadTest {
    /** The bitwise test codec, its decoder dressed up as a batch decoder that records its batches. */
    static final class BatchingCodec implements Codec {
        final Codec inner;
        final int batch;
        final List<Integer> batches = new ArrayList<>();

        BatchingCodec(int frameSize, int batch) {
            this.inner = new BitwiseTestCodec(CodecOptions.defaults().withFrameSize(frameSize));
            this.batch = batch;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int id() {
            return inner.id();
        }

        @Override
        public CodecOptions options() {
            return inner.options();
        }

        @Override
        public int frameSize() {
            return inner.frameSize();
        }

        @Override
        public byte[] parameters() {
            return inner.parameters();
        }

        @Override
        public Codec forStream(StreamHeader header) {
            return this;
        }

        @Override
        public BlockEncoder newEncoder() throws IOException {
            return inner.newEncoder();
        }

        @Override
        public BlockDecoder newDecoder() throws IOException {
            BlockDecoder single = inner.newDecoder();
            return new BatchBlockDecoder() {
                @Override
                public int batchSize() {
                    return batch;
                }

                @Override
                public void decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen)
                        throws IOException {
                    single.decode(src, srcOff, srcLen, dst, dstOff, dstLen);
                }

                @Override
                public CorruptedInputException[] decode(List<Block> blocks) throws IOException {
                    batches.add(blocks.size());
                    CorruptedInputException[] failed = new CorruptedInputException[blocks.size()];
                    for (int i = 0; i < blocks.size(); i++) {
                        Block b = blocks.get(i);
                        try {
                            single.decode(b.src(), b.srcOff(), b.srcLen(), b.dst(), b.dstOff(), b.dstLen());
                        } catch (CorruptedInputException e) {
                            failed[i] = e;
                        }
                    }
                    return failed;
                }
            };
        }
    }

    /** Text frames with a random (stored) one in between. */
    static byte[] data() {
        byte[] d = TestData.text(10_500, 1);
        System.arraycopy(TestData.random(1000, 2), 0, d, 3000, 1000);
        return d;
    }

    @Test
    void readsAheadInBatchesAndReturnsTheSameBytes() throws IOException {
        byte[] data = data();
        BatchingCodec codec = new BatchingCodec(1000, 4);
        byte[] stream = codec.compress(data);
        assertArrayEquals(stream, new BitwiseTestCodec(CodecOptions.defaults().withFrameSize(1000)).compress(data));
        assertArrayEquals(data, codec.decompress(stream));
        assertTrue(codec.batches.stream().allMatch(n -> n <= 4), codec.batches.toString());
        assertTrue(codec.batches.contains(4), "frames were decoded four at a time: " + codec.batches);
    }

    @Test
    void framesBeforeATruncationAreReturnedFirst() throws IOException {
        byte[] data = data();
        BatchingCodec codec = new BatchingCodec(1000, 16);
        byte[] stream = codec.compress(data);
        for (int cut = 0; cut < stream.length; cut += 37) {
            byte[] truncated = Arrays.copyOf(stream, cut);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            IOException e = assertThrows(IOException.class, () -> {
                try (InputStream in = codec.newInputStream(new ByteArrayInputStream(truncated))) {
                    in.transferTo(got);
                }
            });
            assertInstanceOf(EOFException.class, e, "cut " + cut);
            byte[] prefix = got.toByteArray();
            assertArrayEquals(Arrays.copyOf(data, prefix.length), prefix, "cut " + cut);
            assertEquals(0, prefix.length % 1000, "whole frames only");
        }
    }

    @Test
    void aDamagedFrameStopsAfterTheFramesBeforeIt() throws IOException {
        byte[] data = data();
        BatchingCodec codec = new BatchingCodec(1000, 16);
        byte[] stream = codec.compress(data);
        byte[] damaged = stream.clone();
        damaged[damaged.length - 20] ^= 1; // in the last frame or the end record
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = codec.newInputStream(new ByteArrayInputStream(damaged))) {
                in.transferTo(got);
            }
        });
        assertInstanceOf(CorruptedInputException.class, e);
        byte[] prefix = got.toByteArray();
        assertTrue(prefix.length >= 9000, "the undamaged frames come first: " + prefix.length);
        assertArrayEquals(Arrays.copyOf(data, prefix.length), prefix);
    }
}
