package io.kolmo.classic.zstd;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecContractTest;
import io.kolmo.codec.Codecs;
import java.io.IOException;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the codec contract against {@code zstd}; skipped (with the probe's reason) where the native
 * library does not load.
 */
class ZstdCodecContractTest extends CodecContractTest {
    @Override
    protected Codec codec() throws IOException {
        Assumptions.assumeTrue(ZstdNativeProbe.availability().isAvailable(),
                () -> ZstdNativeProbe.availability().reason());
        return Codecs.get("zstd");
    }
}
