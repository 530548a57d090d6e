package io.kolmo.benchmarks.corpus;

import io.kolmo.codec.Availability;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CodecProvider;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.format.StreamHeader;
import java.io.IOException;

/**
 * A test-only codec that copies its input, registered through META-INF/services so the harness
 * finds it in the registry like any codec. {@link #broken()} gives one whose decompressor flips a
 * byte, to check that the harness catches a bad round trip.
 */
final class CopyTestCodec implements Codec {
    static final String NAME = "test-copy";
    private static final int ID = 9101;

    private final CodecOptions options;
    private final boolean corrupt;

    private CopyTestCodec(CodecOptions options, boolean corrupt) {
        this.options = options;
        this.corrupt = corrupt;
    }

    /** A codec whose round trip is wrong: the middle byte comes back flipped. */
    static Codec broken() {
        return new CopyTestCodec(CodecOptions.defaults(), true);
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
            return "test-only codec that copies its input";
        }

        @Override
        public Availability availability() {
            return Availability.available();
        }

        @Override
        public Codec create(CodecOptions options) {
            return new CopyTestCodec(options, false);
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
        return options.frameSizeOr(1 << 16);
    }

    @Override
    public byte[] parameters() {
        return new byte[0];
    }

    @Override
    public Codec forStream(StreamHeader header) {
        return this;
    }

    @Override
    public BlockEncoder newEncoder() {
        return (src, off, len, out) -> out.write(src, off, len);
    }

    @Override
    public BlockDecoder newDecoder() {
        return (src, srcOff, srcLen, dst, dstOff, dstLen) -> {
            if (srcLen != dstLen) {
                throw new CorruptedInputException("copy frame of " + srcLen + " bytes cannot hold " + dstLen, -1);
            }
            System.arraycopy(src, srcOff, dst, dstOff, dstLen);
        };
    }

    @Override
    public byte[] decompress(byte[] stream) throws IOException {
        byte[] restored = Codec.super.decompress(stream);
        if (corrupt && restored.length > 0) {
            restored[restored.length / 2] ^= 1;
        }
        return restored;
    }
}
