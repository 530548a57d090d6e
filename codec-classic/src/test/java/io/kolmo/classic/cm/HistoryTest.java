package io.kolmo.classic.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HistoryTest {
    private static History fed(byte[] data) {
        History h = new History(data, 0, false);
        for (byte b : data) {
            for (int i = 7; i >= 0; i--) {
                h.update(b >>> i & 1);
            }
        }
        return h;
    }

    /** A fax-like bitmap: mostly blank, a few marks repeating one row below another. */
    @Test
    void recordLengthIsFoundBetweenRunsOfBlanks() {
        int row = 216;
        byte[] image = new byte[row * 40];
        int[] columns = {17, 90, 151};
        for (int y = 0; y < 40; y++) {
            for (int k = 0; k < columns.length; k++) {
                image[y * row + columns[k]] = (byte) (0x90 + k);
            }
        }
        assertEquals(row, fed(image).recordLength());
    }

    @Test
    void noStructureMeansRecordLengthOne() {
        byte[] text = "no records here, only words that come and go".getBytes();
        assertEquals(1, fed(text).recordLength());
    }
}
