package io.kolmo.codec;

import io.kolmo.codec.testing.BitwiseTestCodec;

/** Runs the contract against the test-only bitwise codec: checks the container and range coder. */
class BitwiseTestCodecTest extends CodecContractTest {
    @Override
    protected Codec codec() {
        return new BitwiseTestCodec(CodecOptions.defaults());
    }
}
