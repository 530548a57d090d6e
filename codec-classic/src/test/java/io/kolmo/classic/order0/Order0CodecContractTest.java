package io.kolmo.classic.order0;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecContractTest;
import io.kolmo.codec.Codecs;
import java.io.IOException;

/** Runs the codec contract against {@code order0}, found through the registry as users find it. */
class Order0CodecContractTest extends CodecContractTest {
    @Override
    protected Codec codec() throws IOException {
        return Codecs.get("order0");
    }
}
