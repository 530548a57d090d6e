package io.kolmo.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.TestData;
import io.kolmo.codec.testing.BitwiseTestCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NcdClassifierTest {
    private final Codec codec = new BitwiseTestCodec(CodecOptions.defaults());

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void separatesTextFromNoise() throws IOException {
        List<NcdClassifier.Example<String>> train = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            train.add(new NcdClassifier.Example<>(TestData.text(600, i), "text"));
            train.add(new NcdClassifier.Example<>(TestData.random(600, 100 + i), "noise"));
        }
        NcdClassifier<String> knn = NcdClassifier.train(codec, 3, train);
        assertEquals(List.of("text", "noise"), knn.classifyAll(List.of(TestData.text(600, 50), TestData.random(600, 51))));
    }

    @Test
    void tiedVotesGoToTheCloserLabelThenTheFirstSeen() {
        NcdClassifier<String> knn;
        try {
            knn = NcdClassifier.train(codec, 2, List.of(
                    new NcdClassifier.Example<>(ascii("aaaa"), "a"), new NcdClassifier.Example<>(ascii("bbbb"), "b")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        // One vote each: the label with the smaller distance wins...
        assertEquals("b", knn.vote(List.of(new NcdClassifier.Neighbour<>(0, "a", 0.6),
                new NcdClassifier.Neighbour<>(1, "b", 0.4))));
        // ...and at equal distance, the label seen first in training.
        assertEquals("a", knn.vote(List.of(new NcdClassifier.Neighbour<>(1, "b", 0.5),
                new NcdClassifier.Neighbour<>(0, "a", 0.5))));
        // A real majority beats a closer minority.
        List<NcdClassifier.Neighbour<String>> nearest = List.of(new NcdClassifier.Neighbour<>(0, "a", 0.1),
                new NcdClassifier.Neighbour<>(1, "b", 0.8), new NcdClassifier.Neighbour<>(2, "b", 0.9));
        assertEquals("b", knn.vote(nearest));
        // The first k of a longer nearest-first list vote: k = 1 and 3 disagree here.
        assertEquals("a", knn.vote(nearest, 1));
        assertEquals("b", knn.vote(nearest, 3));
        NcdClassifier<String> voter = knn;
        assertThrows(IllegalArgumentException.class, () -> voter.vote(nearest, 4));
        assertThrows(IllegalArgumentException.class, () -> voter.vote(nearest, 0));
    }

    @Test
    void invalidKIsRejected() {
        List<NcdClassifier.Example<String>> one = List.of(new NcdClassifier.Example<>(ascii("x"), "x"));
        assertThrows(IllegalArgumentException.class, () -> NcdClassifier.train(codec, 2, one));
        assertThrows(IllegalArgumentException.class, () -> NcdClassifier.train(codec, 0, one));
    }

    @Test
    void continuedStatesMeasureExactlyTheConcatenation() throws IOException {
        byte[] x = TestData.text(3000, 20);
        byte[] y = TestData.text(700, 21);
        BitwiseTestCodec continuable = new BitwiseTestCodec(CodecOptions.defaults());
        io.kolmo.codec.ContinuableMeasure.MeasureState afterX = continuable.startMeasure();
        afterX.update(x, 0, x.length);
        assertEquals(codec.measure(x), afterX.bits());
        io.kolmo.codec.ContinuableMeasure.MeasureState xy = afterX.copy();
        xy.update(y, 0, y.length);
        assertEquals(codec.measure(Ncd.concat(x, y)), xy.bits());
        assertEquals(codec.measure(x), afterX.bits(), "copying leaves the original as it was");
    }
}
