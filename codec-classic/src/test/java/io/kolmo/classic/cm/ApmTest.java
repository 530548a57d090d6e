package io.kolmo.classic.cm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApmTest {
    @Test
    void startsNearTheIdentity() {
        Apm apm = new Apm(4, 7);
        for (int st = -2000; st <= 2000; st += 250) {
            int expected = Logistic.squash(st);
            int got = apm.refine(st, 3);
            assertTrue(Math.abs(got - expected) < 700, "st=" + st + " expected ~" + expected + " got " + got);
        }
    }

    @Test
    void correctsAnOverconfidentInputPerContext() {
        Apm apm = new Apm(2, 6);
        // Input claims P(1) ~ 0.98, but in context 0 only half the bits are ones.
        int st = 1000;
        for (int i = 0; i < 4_000; i++) {
            apm.refine(st, 0);
            apm.update(i & 1);
            apm.refine(st, 1);
            apm.update(1);
        }
        int p0 = apm.refine(st, 0);
        int p1 = apm.refine(st, 1);
        assertTrue(Math.abs(p0 - 32768) < 6_000, "context 0 should learn about one half: " + p0);
        assertTrue(p1 > 62_000, "context 1 should learn near certainty: " + p1);
    }
}
