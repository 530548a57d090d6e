package io.kolmo.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link StepNet} is the reference network's integers in another layout: every step of every
 * sequence of a batch must give the row-by-row network's logits exactly, and sequences must not
 * leak into each other (three different ones here: prose, random bytes, a repeat).
 */
class StepNetTest {
    private static ReferenceModel ref;
    private static byte[][] seqs;

    @BeforeAll
    static void load() throws Exception {
        ref = ReferenceModel.of(Golden.defaultWeights());
        StringBuilder prose = new StringBuilder();
        while (prose.length() < 512) {
            prose.append("It was the best of times, it was the worst of times; {\"key\": [1, 2, 3]} ");
        }
        byte[] random = new byte[512];
        new Random(7).nextBytes(random);
        byte[] repeat = new byte[512];
        for (int i = 0; i < repeat.length; i++) {
            repeat[i] = (byte) "abcabd\n".charAt(i % 7);
        }
        seqs = new byte[][] {prose.substring(0, 512).getBytes(StandardCharsets.US_ASCII), random, repeat};
    }

    @Test
    void everyStepOfEverySequenceEqualsTheRowByRowNetwork() throws Exception {
        try (ByteModel.Incremental fast = ref.incremental(3); ByteModel.Incremental rows = ref.rowIncremental(3)) {
            assertArrayEquals(rows.feed(seqs, 0, 40), fast.feed(seqs, 0, 40), "a 40-byte first feed");
            for (int p = 40; p < 512; p++) {
                int[][] want = rows.feed(seqs, p, 1);
                assertArrayEquals(want, fast.feed(seqs, p, 1), "position " + p);
            }
            assertEquals(512, fast.position());
            assertThrows(IllegalArgumentException.class, () -> fast.feed(seqs, 0, 1), "past the context");
            fast.reset();
            rows.reset();
            for (int p = 0; p + 7 <= 512; p += 7) {
                assertArrayEquals(rows.feed(seqs, p, 7), fast.feed(seqs, p, 7), "7 bytes at " + p);
            }
        }
    }

    @Test
    void aBatchOfOneEqualsTheSameSequenceInABatch() throws Exception {
        try (ByteModel.Incremental one = ref.incremental(1); ByteModel.Incremental three = ref.incremental(3)) {
            byte[][] random = {seqs[1]};
            for (int p = 0; p < 300; p++) {
                assertArrayEquals(three.feed(seqs, p, 1)[1], one.feed(random, p, 1)[0], "position " + p);
            }
        }
    }

    @Test
    void theDefaultSettingTakesOverOnnxRuntimePrefixesOfEachSequence() throws Exception {
        try (ByteModel m = Models.load(Golden.defaultOnnx(), Golden.defaultWeights(),
                new ModelOptions(ModelOptions.Backend.CPU, 0, 0));
             ByteModel.Incremental inc = m.incremental(3);
             ByteModel.Incremental rows = ref.rowIncremental(3)) {
            for (int prefix : new int[] {128, 300}) {
                inc.reset();
                rows.reset();
                assertArrayEquals(rows.feed(seqs, 0, prefix), inc.feed(seqs, 0, prefix), "prefix " + prefix);
                for (int p = prefix; p < Math.min(512, prefix + 60); p++) {
                    assertArrayEquals(rows.feed(seqs, p, 1), inc.feed(seqs, p, 1), "prefix " + prefix + ", position " + p);
                }
            }
        }
    }

    @Test
    void stepsSharedByTwoThreadsEqualTheRowByRowNetworkAtEveryPosition() throws Exception {
        try (StepNet.Steps two = ref.stepNet().steps(3, 2); ByteModel.Incremental rows = ref.rowIncremental(3)) {
            assertEquals(2, two.threads());
            assertArrayEquals(rows.feed(seqs, 0, 5), two.feed(seqs, 0, 5), "a 5-byte first feed");
            for (int p = 5; p < 512; p++) {
                assertArrayEquals(rows.feed(seqs, p, 1), two.feed(seqs, p, 1), "position " + p);
            }
        }
    }

    @Test
    void aStepThreadThatRetiredIsReplacedAndClosingEndsIt() throws Exception {
        byte[][] one = {seqs[0]};
        try (ByteModel.Incremental solo = ref.incremental(1)) {
            StepNet.Steps two = ref.stepNet().steps(1, 2);
            for (int p = 0; p < 20; p++) {
                assertArrayEquals(solo.feed(one, p, 1), two.feed(one, p, 1), "position " + p);
            }
            assertTrue(two.helperRunning());
            long deadline = System.nanoTime() + 10 * StepNet.HELPER_RETIRE_NANOS;
            while (two.helperRunning() && System.nanoTime() < deadline) {
                Thread.sleep(50); // idle: the helper gives its thread back
            }
            assertFalse(two.helperRunning(), "retired after a pause");
            for (int p = 20; p < 40; p++) {
                assertArrayEquals(solo.feed(one, p, 1), two.feed(one, p, 1), "after a pause, position " + p);
            }
            assertTrue(two.helperRunning(), "a new helper");
            two.close();
            assertThrows(IllegalStateException.class, () -> two.feed(one, 40, 1), "a closed evaluation");
        }
    }

    @Test
    void theDefaultSettingSharesASingleSequencesStepsAndTakesOverItsPrefix() throws Exception {
        byte[][] one = {seqs[2]};
        try (ByteModel m = Models.load(Golden.defaultOnnx(), Golden.defaultWeights(),
                new ModelOptions(ModelOptions.Backend.CPU, 0, 0));
             ByteModel.Incremental inc = m.incremental(1, 2);
             ByteModel.Incremental rows = ref.rowIncremental(1)) {
            assertArrayEquals(rows.feed(one, 0, 256), inc.feed(one, 0, 256), "prefix");
            for (int p = 256; p < 320; p++) {
                assertArrayEquals(rows.feed(one, p, 1), inc.feed(one, p, 1), "position " + p);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ref.incremental(1, 0));
    }
}
