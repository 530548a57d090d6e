package io.kolmo.classic.xz;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecContractTest;
import io.kolmo.codec.Codecs;
import java.io.IOException;

/** Runs the codec contract against {@code xz}, found through the registry as users find it. */
class XzCodecContractTest extends CodecContractTest {
    @Override
    protected Codec codec() throws IOException {
        return Codecs.get("xz");
    }
}
