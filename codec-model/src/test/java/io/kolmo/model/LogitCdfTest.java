package io.kolmo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogitCdfTest {
    private static long sum(int[] f) {
        long s = 0;
        for (int x : f) {
            s += x;
        }
        return s;
    }

    @Test
    void tablesSumExactlyAndKeepEverySymbol() {
        Random r = new Random(1);
        LogitCdf cdf = new LogitCdf(1.0 / 64);
        int[] logits = new int[256];
        int[] freq = new int[256];
        for (int trial = 0; trial < 2000; trial++) {
            int spread = 1 << r.nextInt(16);
            for (int i = 0; i < 256; i++) {
                logits[i] = r.nextInt(2 * spread + 1) - spread;
            }
            cdf.frequencies(logits, 0, 256, freq);
            assertEquals(1L << LogitCdf.TOTAL_BITS, sum(freq));
            for (int f : freq) {
                assertTrue(f >= 1);
            }
        }
    }

    @Test
    void followsTheSoftmax() {
        LogitCdf cdf = new LogitCdf(1.0 / 16);
        int[] logits = new int[256];
        logits[65] = 16 * 3;
        logits[66] = 16 * 2;
        int[] freq = new int[256];
        assertEquals(65, cdf.frequencies(logits, 0, 256, freq));
        double z = Math.exp(3) + Math.exp(2) + 254;
        assertEquals(Math.exp(3) / z, freq[65] / (double) (1 << 24), 1e-4);
        assertEquals(Math.exp(2) / z, freq[66] / (double) (1 << 24), 1e-4);
        assertEquals(1 / z, freq[0] / (double) (1 << 24), 1e-4);
    }

    @Test
    void extremeLogitsDoNotOverflow() {
        LogitCdf cdf = new LogitCdf(1.0 / 256);
        int[] logits = new int[256];
        java.util.Arrays.fill(logits, Integer.MIN_VALUE);
        logits[3] = Integer.MAX_VALUE;
        int[] freq = new int[256];
        assertEquals(3, cdf.frequencies(logits, 0, 256, freq));
        assertEquals((1 << 24) - 255, freq[3]);
    }

    @Test
    void badScaleIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LogitCdf(0));
        assertThrows(IllegalArgumentException.class, () -> new LogitCdf(Double.NaN));
    }
}
