package io.kolmo.classic.deflate;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecContractTest;
import io.kolmo.codec.Codecs;
import java.io.IOException;

/** Runs the codec contract against {@code deflate}, found through the registry as users find it. */
class DeflateCodecContractTest extends CodecContractTest {
    @Override
    protected Codec codec() throws IOException {
        return Codecs.get("deflate");
    }
}
