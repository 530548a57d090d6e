package io.kolmo.model.codec;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecContractTest;
import io.kolmo.codec.Codecs;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the codec contract against {@code transformer}, found through the registry as users find
 * it, with the registry's provider predicting with a {@link CountingByteModel} (context 256, so
 * every multi-kilobyte frame rolls over many windows).
 */
class TransformerCodecContractTest extends CodecContractTest {
    static final CountingByteModel MODEL = new CountingByteModel(256, "contract");

    @BeforeAll
    static void useTestModel() {
        TransformerCodecProvider.useModelForTests(MODEL);
    }

    @AfterAll
    static void restoreModel() {
        TransformerCodecProvider.useModelForTests(null);
    }

    @Override
    protected Codec codec() throws IOException {
        return Codecs.get("transformer");
    }

    /** The test model is quadratic in the context: keep corpus files small. */
    @Override
    protected long maxCorpusFileSize() {
        return 200_000;
    }
}
