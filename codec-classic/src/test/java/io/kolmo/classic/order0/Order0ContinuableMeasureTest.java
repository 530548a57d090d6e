package io.kolmo.classic.order0;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.ContinuableMeasure.MeasureState;
import io.kolmo.codec.TestData;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class Order0ContinuableMeasureTest {
    @Test
    void continuingAStateMeasuresTheConcatenation() throws IOException {
        Order0Codec codec = new Order0Codec(CodecOptions.defaults());
        byte[] x = TestData.text(5000, 1);
        byte[] y = TestData.random(900, 2);
        MeasureState afterX = codec.startMeasure();
        afterX.update(x, 0, x.length);
        assertEquals(codec.measure(x), afterX.bits());
        MeasureState xy = afterX.copy();
        xy.update(y, 0, y.length);
        byte[] joined = new byte[x.length + y.length];
        System.arraycopy(x, 0, joined, 0, x.length);
        System.arraycopy(y, 0, joined, x.length, y.length);
        assertEquals(codec.measure(joined), xy.bits());
        assertEquals(codec.measure(x), afterX.bits());
    }
}
