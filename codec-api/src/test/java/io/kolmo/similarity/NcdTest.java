package io.kolmo.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.TestData;
import io.kolmo.codec.testing.BitwiseTestCodec;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class NcdTest {
    private final Codec codec = new BitwiseTestCodec(CodecOptions.defaults());

    @Test
    void identicalInputsAreCloserThanUnrelatedOnes() throws IOException {
        byte[] text = TestData.text(4000, 1);
        byte[] otherText = TestData.text(4000, 2);
        byte[] noise = TestData.random(4000, 3);
        double same = Ncd.distance(codec, text, text);
        double related = Ncd.distance(codec, text, otherText);
        double unrelated = Ncd.distance(codec, text, noise);
        assertTrue(same < unrelated && related < unrelated,
                "same " + same + ", related " + related + ", unrelated " + unrelated);
    }

    @Test
    void formulaFromLengths() {
        assertEquals(0.5, Ncd.distance(100, 200, 200), 1e-12);
        assertEquals(0.0, Ncd.distance(0, 0, 0));
    }
}
