package io.kolmo.codec.testing;

import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CodecProvider;
import io.kolmo.codec.ContinuableMeasure;
import io.kolmo.codec.Availability;
import io.kolmo.codec.format.StreamHeader;
import io.kolmo.rangecoder.RangeCounter;
import io.kolmo.rangecoder.RangeDecoder;
import io.kolmo.rangecoder.RangeEncoder;
import io.kolmo.rangecoder.RangeEncoderToBuffer;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A minimal model codec for testing the container and range coder inside codec-api: each byte is
 * coded as eight binary decisions with an adaptive order-0 bit tree. Not a production codec.
 */
public final class BitwiseTestCodec implements Codec, ContinuableMeasure {
    public static final int ID = 9001;
    public static final String NAME = "test-bits";
    private static final int DEFAULT_FRAME = 64 * 1024;

    private final CodecOptions options;

    public BitwiseTestCodec(CodecOptions options) {
        this.options = options;
    }

    /** Registered through META-INF/services in the test resources. */
    public static final class Provider implements CodecProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public int id() {
            return ID;
        }

        @Override
        public String description() {
            return "test-only adaptive order-0 bitwise codec";
        }

        @Override
        public Availability availability() {
            return Availability.available();
        }

        @Override
        public Codec create(CodecOptions options) {
            return new BitwiseTestCodec(options);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public CodecOptions options() {
        return options;
    }

    @Override
    public int frameSize() {
        return options.frameSizeOr(DEFAULT_FRAME);
    }

    @Override
    public byte[] parameters() {
        return new byte[0];
    }

    @Override
    public Codec forStream(StreamHeader header) {
        return new BitwiseTestCodec(options.withFrameSize(header.frameSize()));
    }

    private static final class Model {
        final int[] p = new int[256];

        Model() {
            java.util.Arrays.fill(p, 32768);
        }

        int predict(int node) {
            return Math.max(1, Math.min(65535, p[node]));
        }

        void update(int node, int bit) {
            p[node] += ((bit << 16) - p[node]) >> 4;
        }
    }

    private static void code(RangeEncoder enc, byte[] src, int off, int len) {
        codeBytes(enc, new Model(), src, off, len);
        enc.finish();
    }

    private static void codeBytes(RangeEncoder enc, Model m, byte[] src, int off, int len) {
        for (int i = 0; i < len; i++) {
            int c = src[off + i] & 0xFF;
            int node = 1;
            for (int b = 7; b >= 0; b--) {
                int bit = (c >>> b) & 1;
                enc.encodeBit(m.predict(node), bit);
                m.update(node, bit);
                node = node * 2 + bit;
                node &= 0xFF;
            }
        }
    }

    @Override
    public MeasureState startMeasure() {
        return new State(new Model(), new RangeCounter());
    }

    private record State(Model model, RangeCounter counter) implements MeasureState {
        @Override
        public void update(byte[] data, int off, int len) {
            codeBytes(counter, model, data, off, len);
        }

        @Override
        public long bits() {
            return counter.bitsIfFinished();
        }

        @Override
        public MeasureState copy() {
            Model m = new Model();
            System.arraycopy(model.p, 0, m.p, 0, m.p.length);
            return new State(m, counter.copy());
        }
    }

    @Override
    public BlockEncoder newEncoder() {
        return new BlockEncoder() {
            @Override
            public void encode(byte[] src, int off, int len, OutputStream out) throws IOException {
                RangeEncoderToBuffer enc = new RangeEncoderToBuffer(len);
                code(enc, src, off, len);
                enc.writeTo(out);
            }

            @Override
            public long measure(byte[] src, int off, int len) {
                RangeCounter counter = new RangeCounter();
                code(counter, src, off, len);
                return counter.bits();
            }
        };
    }

    @Override
    public BlockDecoder newDecoder() {
        return (src, srcOff, srcLen, dst, dstOff, dstLen) -> {
            RangeDecoder dec = new RangeDecoder(src, srcOff, srcLen);
            Model m = new Model();
            for (int i = 0; i < dstLen; i++) {
                int node = 1;
                int c = 0;
                for (int b = 7; b >= 0; b--) {
                    int bit = dec.decodeBit(m.predict(node));
                    m.update(node, bit);
                    c = c << 1 | bit;
                    node = (node * 2 + bit) & 0xFF;
                }
                dst[dstOff + i] = (byte) c;
            }
            dec.finish();
        };
    }
}
