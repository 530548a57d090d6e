package io.kolmo.classic.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BitHistoryTest {
    @Test
    void fitsOneByteAndStartsEmpty() {
        assertTrue(BitHistory.STATES <= 256, "states: " + BitHistory.STATES);
        assertEquals(0, BitHistory.zeros(0));
        assertEquals(0, BitHistory.ones(0));
    }

    @Test
    void countsAndDiscountsTheOppositeBit() {
        int s = 0;
        for (int i = 0; i < 10; i++) {
            s = BitHistory.next(s, 0);
        }
        assertEquals(10, BitHistory.zeros(s));
        s = BitHistory.next(s, 1);
        assertEquals(1, BitHistory.ones(s));
        assertTrue(BitHistory.zeros(s) < 10, "old zeros fade after a one: " + BitHistory.zeros(s));
    }

    @Test
    void everyTransitionStaysInsideTheTable() {
        for (int s = 0; s < BitHistory.STATES; s++) {
            for (int bit = 0; bit < 2; bit++) {
                assertTrue(BitHistory.next(s, bit) < BitHistory.STATES);
            }
        }
    }

    @Test
    void longRunsSaturateTowardCertainty() {
        int s = 0;
        for (int i = 0; i < 1000; i++) {
            s = BitHistory.next(s, 1);
        }
        assertTrue(BitHistory.initialProbability(s) > 64_000, "p=" + BitHistory.initialProbability(s));
    }
}
