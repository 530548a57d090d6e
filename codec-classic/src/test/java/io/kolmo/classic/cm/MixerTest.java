package io.kolmo.classic.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MixerTest {
    @Test
    void learnsToTrustTheInputThatIsRight() {
        Mixer m = new Mixer(3, 1, 6);
        Random r = new Random(1);
        int[] x = new int[3];
        for (int i = 0; i < 20_000; i++) {
            int bit = r.nextInt(10) < 9 ? 1 : 0;
            x[0] = bit == 1 ? 600 : -600;      // always right
            x[1] = r.nextBoolean() ? 600 : -600; // noise
            x[2] = 256;                          // bias
            m.mix(x, 0);
            m.update(x, bit);
        }
        x[0] = 600;
        x[1] = -600;
        x[2] = 256;
        m.mix(x, 0);
        assertTrue(m.p() > 60_000, "should follow the reliable input, p=" + m.p());
        x[0] = -600;
        x[1] = 600;
        m.mix(x, 0);
        assertTrue(m.p() < 5_000, "and ignore the noisy one, p=" + m.p());
    }

    @Test
    void weightSetsAreSeparatedByContext() {
        Mixer m = new Mixer(2, 2, 6);
        int[] x = {500, 256};
        for (int i = 0; i < 5_000; i++) {
            m.mix(x, 0);
            m.update(x, 1);
            m.mix(x, 1);
            m.update(x, 0);
        }
        m.mix(x, 0);
        int p0 = m.p();
        m.mix(x, 1);
        int p1 = m.p();
        assertTrue(p0 > 60_000 && p1 < 5_000, "context 0 learned ones, context 1 zeros: " + p0 + " " + p1);
    }

    @Test
    void outputIsClampedAndAValidProbability() {
        Mixer m = new Mixer(1, 1, 6);
        int[] x = {Logistic.LIMIT};
        for (int i = 0; i < 10_000; i++) {
            m.mix(x, 0);
            m.update(x, 1);
        }
        assertEquals(Logistic.LIMIT, m.mix(x, 0));
        assertTrue(m.p() >= 1 && m.p() <= 65535);
    }
}
