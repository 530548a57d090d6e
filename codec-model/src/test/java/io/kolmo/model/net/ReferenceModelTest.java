package io.kolmo.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReferenceModelTest {
    private static ReferenceModel model;

    @BeforeAll
    static void load() throws Exception {
        model = ReferenceModel.of(Golden.defaultWeights());
    }

    @Test
    void infoComesFromTheWeights() throws Exception {
        assertEquals(WeightsFile.parse(Golden.defaultWeights()).idHex(), model.info().idHex());
        assertEquals(512, model.info().contextLength());
        assertEquals(1.0 / 256, model.info().logitScale());
    }

    @Test
    void fullWindowMatchesGolden() throws Exception {
        for (Golden.Seq s : Golden.sequences()) {
            int[][] got = model.forward(new byte[][] {s.bytes()}, s.len());
            assertArrayEquals(s.logits(), got[0], "golden sequence of " + s.len() + " bytes");
        }
    }

    @Test
    void incrementalMatchesGolden() throws Exception {
        for (Golden.Seq s : Golden.sequences()) {
            try (ByteModel.Incremental inc = model.incremental(1)) {
                byte[][] in = {s.bytes()};
                int pos = 0;
                if (s.prefix() > 0) {
                    int[][] l = inc.feed(in, 0, s.prefix());
                    assertArrayEquals(Golden.rows(s.logits(), s.prefix() - 1, s.prefix()), l[0]);
                    pos = s.prefix();
                }
                for (; pos < s.len(); pos++) {
                    int[][] l = inc.feed(in, pos, 1);
                    assertArrayEquals(Golden.rows(s.logits(), pos, pos + 1), l[0],
                            "golden sequence of " + s.len() + " bytes, position " + pos);
                }
                assertEquals(s.len(), inc.position());
            }
        }
    }

    @Test
    void batchAndResetAreIndependentPerSequence() throws Exception {
        Golden.Seq s = Golden.sequences().get(2);
        byte[] other = Arrays.copyOf(s.bytes(), s.len());
        Arrays.fill(other, 40, other.length, (byte) 'x');
        int[][] got = model.forward(new byte[][] {s.bytes(), other}, 40);
        assertArrayEquals(Golden.rows(s.logits(), 0, 40), got[0]);
        assertArrayEquals(Golden.rows(s.logits(), 0, 40), got[1], "causal: bytes after 40 do not matter");
        try (ByteModel.Incremental inc = model.incremental(2)) {
            inc.feed(new byte[][] {other, other}, 0, 30);
            inc.reset();
            assertEquals(0, inc.position());
            int[][] l = inc.feed(new byte[][] {s.bytes(), other}, 0, 20);
            assertArrayEquals(Golden.rows(s.logits(), 19, 20), l[0]);
            assertArrayEquals(Golden.rows(s.logits(), 19, 20), l[1]);
            assertThrows(IllegalArgumentException.class, () -> inc.feed(new byte[][] {s.bytes()}, 0, 1));
        }
        assertThrows(IllegalArgumentException.class, () -> model.forward(new byte[][] {s.bytes()}, 513));
    }

    @Test
    void isqrtIsTheFloorSquareRoot() {
        for (long n : new long[] {0, 1, 2, 3, 4, 15, 16, 17, 1L << 39, (1L << 40) - 1, 999_999_999_999L}) {
            long r = ReferenceModel.isqrt(n);
            assertEquals((long) Math.floor(Math.sqrt((double) n)), r, "isqrt " + n);
        }
        assertEquals(-1, ReferenceModel.rshiftRound(-3, 1)); // (-3 + 1) >> 1 = -1
        assertEquals(-2, ReferenceModel.rshiftRound(-5, 1)); // (-5 + 1) >> 1 = -2
    }
}
