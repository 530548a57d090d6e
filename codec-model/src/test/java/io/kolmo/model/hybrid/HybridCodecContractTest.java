package io.kolmo.model.hybrid;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecContractTest;
import io.kolmo.codec.CodecOptions;
import io.kolmo.model.net.ByteModel;
import java.io.IOException;

/** The codec contract, with the order-1 test double as the network (context 64). */
class HybridCodecContractTest extends CodecContractTest {
    private static final ByteModel MODEL = FunctionByteModel.orderOne(64);

    @Override
    protected Codec codec() {
        return new HybridCodec(MODEL, CodecOptions.defaults());
    }

    @Override
    protected Codec codec(int frameSize) {
        return new HybridCodec(MODEL, CodecOptions.defaults().withFrameSize(frameSize));
    }

    /** The registered provider holds the default model, not the test double. */
    @Override
    protected byte[] decompressAny(byte[] stream) throws IOException {
        return codec().decompress(stream);
    }

    /** As cm's; the test double adds little time. */
    @Override
    protected long maxCorpusFileSize() {
        return 256 << 10;
    }
}
