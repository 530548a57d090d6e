package io.kolmo.classic.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The extra-model hooks of {@link CmPredictor}: a model that chooses a mixer's weight set. */
class CmPredictorTest {

    /**
     * Knows every bit, but says the truth on even bytes and the opposite on odd ones: useless to a mixer
     * that cannot tell the two apart, perfect for one whose weight set follows the byte's parity.
     */
    private static final class TwoFacedOracle implements BitModel {
        private final byte[] data;
        private final int contexts;
        private int bit;

        TwoFacedOracle(byte[] data, int contexts) {
            this.data = data;
            this.contexts = contexts;
        }

        @Override
        public int inputs() {
            return 1;
        }

        @Override
        public void predict(int[] st, int at) {
            int b = data[bit >> 3] >> (7 - (bit & 7)) & 1;
            boolean liar = (bit >> 3 & 1) == 1;
            st[at] = (b == 1) != liar ? 1000 : -1000;
        }

        @Override
        public void update(int b) {
            bit++;
        }

        @Override
        public int mixerContexts() {
            return contexts;
        }

        @Override
        public int mixerContext() {
            return bit >> 3 & 1;
        }
    }

    /** Code length in bits of {@code data} under a predictor with the oracle, asking for {@code contexts} weight sets. */
    private static double codeLength(byte[] data, int level, int contexts) {
        History h = new History(data, 0, false);
        CmPredictor p = new CmPredictor(h, CmLevel.of(level), data.length, new TwoFacedOracle(data, contexts));
        double bits = 0;
        for (byte value : data) {
            for (int i = 7; i >= 0; i--) {
                int b = value >> i & 1;
                int p1 = p.p();
                assertTrue(p1 >= 1 && p1 <= 65535, "p=" + p1);
                bits -= Math.log((b == 1 ? p1 : 65536 - p1) / 65536.0) / Math.log(2);
                p.update(b);
            }
        }
        return bits;
    }

    @Test
    void aModelThatChoosesAMixersWeightsIsTrustedWhereItIsRight() {
        byte[] data = new byte[20_000];
        new Random(5).nextBytes(data);
        for (int level : new int[] {1, 4, 9}) {
            double without = codeLength(data, level, 0);
            double with = codeLength(data, level, 2);
            // random bytes: about 8 bits each when the oracle cannot be read, far fewer when it can
            assertTrue(without > 7.5 * data.length, "level " + level + ": " + without / data.length);
            assertTrue(with < 0.5 * without, "level " + level + ": " + with / data.length + " bits/byte");
        }
    }

    @Test
    void withoutARequestTheMixerSetUpIsCmsOwn() {
        byte[] data = new byte[3_000];
        new Random(6).nextBytes(data);
        CmPredictor plain = new CmPredictor(new History(data, 0, false), CmLevel.of(9), data.length,
                new TwoFacedOracle(data, 0));
        assertEquals(new CmPredictor(new History(data, 0, false), CmLevel.of(9), data.length).inputs() + 1,
                plain.inputs());
    }
}
