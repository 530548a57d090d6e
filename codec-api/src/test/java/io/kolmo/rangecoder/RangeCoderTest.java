package io.kolmo.rangecoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.CorruptedInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The range coder's promise: exact round trips, and a code length within 0.01% plus a few bytes
 * of the ideal sum of -log2 p, for any distribution including extreme skew and certain symbols.
 */
class RangeCoderTest {
    /** Allowed overhead: 0.01% of the ideal length plus this many bytes per frame. */
    private static final int FRAME_BYTES = 3;

    private static void assertNearIdeal(double idealBits, long bytes, String what) {
        double allowed = idealBits * 1.0001 + 8 * FRAME_BYTES;
        assertTrue(bytes * 8 <= allowed, what + ": " + bytes * 8 + " bits written, ideal " + idealBits
                + " (overhead " + (bytes * 8 - idealBits) + " bits)");
    }

    /** A random table over n symbols summing to 2^totalBits, every frequency at least 1. */
    private static int[] randomFrequencies(Random r, int n, int totalBits, double skew) {
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.pow(r.nextDouble(), skew);
            sum += w[i];
        }
        int total = 1 << totalBits;
        int[] freq = new int[n];
        int assigned = 0;
        for (int i = 0; i < n; i++) {
            freq[i] = 1 + (int) ((total - n) * w[i] / sum);
            assigned += freq[i];
        }
        freq[r.nextInt(n)] += total - assigned;
        return freq;
    }

    private static int[] cumulative(int[] freq) {
        int[] cum = new int[freq.length + 1];
        for (int i = 0; i < freq.length; i++) {
            cum[i + 1] = cum[i] + freq[i];
        }
        return cum;
    }

    private static int sample(Random r, int[] cum) {
        int v = r.nextInt(cum[cum.length - 1]);
        int s = 0;
        while (cum[s + 1] <= v) {
            s++;
        }
        return s;
    }

    private static void multiSymbolRoundTrip(int[] freq, int totalBits, int count, long seed, String what) {
        Random r = new Random(seed);
        int[] cum = cumulative(freq);
        int[] symbols = new int[count];
        RangeEncoderToBuffer enc = new RangeEncoderToBuffer();
        RangeCounter counter = new RangeCounter();
        double ideal = 0;
        for (int i = 0; i < count; i++) {
            int s = sample(r, cum);
            symbols[i] = s;
            enc.encode(cum[s], freq[s], totalBits);
            counter.encode(cum[s], freq[s], totalBits);
            ideal += RangeEncoder.symbolCost(freq[s], totalBits);
        }
        enc.finish();
        counter.finish();
        byte[] out = enc.toByteArray();
        assertEquals(out.length, counter.bytes(), "the counting sink sees exactly the bytes written");
        assertNearIdeal(ideal, out.length, what);

        RangeDecoder dec = new RangeDecoder(out, 0, out.length);
        int[] back = new int[count];
        for (int i = 0; i < count; i++) {
            int v = dec.decodeFreq(totalBits);
            int s = 0;
            while (cum[s + 1] <= v) {
                s++;
            }
            dec.update(cum[s], freq[s], totalBits);
            back[i] = s;
        }
        assertArrayEquals(symbols, back, what);
        assertDoesNotThrow(dec);
    }

    private static void assertDoesNotThrow(RangeDecoder dec) {
        try {
            dec.finish();
        } catch (CorruptedInputException e) {
            throw new AssertionError("a valid payload must finish cleanly: " + e.getMessage(), e);
        }
    }

    @Test
    void randomDistributionsNearIdeal() {
        Random r = new Random(42);
        for (int trial = 0; trial < 12; trial++) {
            int totalBits = new int[] {8, 12, 15, 16, 20, 24}[trial % 6];
            int n = Math.min(1 << totalBits, new int[] {2, 3, 17, 256}[trial % 4]);
            int[] freq = randomFrequencies(r, n, totalBits, 1 + trial % 3 * 2);
            multiSymbolRoundTrip(freq, totalBits, 100_000, trial, "trial " + trial + " n=" + n + " bits=" + totalBits);
        }
    }

    @Test
    void extremeSkewAndCertainSymbols() {
        // One symbol holds all but the minimum mass of the others: almost every symbol is near-certain.
        for (int totalBits : new int[] {12, 16, 24}) {
            int n = 256;
            int[] freq = new int[n];
            java.util.Arrays.fill(freq, 1);
            freq[7] = (1 << totalBits) - (n - 1);
            multiSymbolRoundTrip(freq, totalBits, 300_000, totalBits, "skew 2^" + totalBits);
        }
        // A single-symbol alphabet is certain: it costs nothing.
        multiSymbolRoundTrip(new int[] {1 << 16}, 16, 100_000, 1, "certain symbol");
    }

    private static void binaryRoundTrip(int[] probs, long seed, String what) {
        Random r = new Random(seed);
        int n = probs.length;
        int[] bits = new int[n];
        RangeEncoderToBuffer enc = new RangeEncoderToBuffer();
        double ideal = 0;
        for (int i = 0; i < n; i++) {
            int bit = r.nextInt(65536) < probs[i] ? 1 : 0;
            bits[i] = bit;
            enc.encodeBit(probs[i], bit);
            ideal += RangeEncoder.bitCost(probs[i], bit);
        }
        enc.finish();
        byte[] out = enc.toByteArray();
        assertNearIdeal(ideal, out.length, what);
        RangeDecoder dec = new RangeDecoder(out, 0, out.length);
        for (int i = 0; i < n; i++) {
            assertEquals(bits[i], dec.decodeBit(probs[i]), what + " bit " + i);
        }
        assertDoesNotThrow(dec);
    }

    @Test
    void binaryRandomProbabilitiesNearIdeal() {
        Random r = new Random(7);
        int[] probs = new int[1_000_000];
        for (int i = 0; i < probs.length; i++) {
            probs[i] = 1 + r.nextInt(65535);
        }
        binaryRoundTrip(probs, 1, "uniform probabilities");
    }

    @Test
    void binaryExtremeProbabilities() {
        for (int p : new int[] {1, 2, 65534, 65535, 32768}) {
            int[] probs = new int[500_000];
            java.util.Arrays.fill(probs, p);
            binaryRoundTrip(probs, p, "p1=" + p);
        }
    }

    @Test
    void binaryAndMultiSymbolInterleave() {
        Random r = new Random(3);
        RangeEncoderToBuffer enc = new RangeEncoderToBuffer();
        int[] freq = randomFrequencies(r, 256, 16, 3);
        int[] cum = cumulative(freq);
        int[] log = new int[20_000];
        for (int i = 0; i < log.length; i += 2) {
            log[i] = r.nextInt(2);
            enc.encodeBit(20_000, log[i]);
            log[i + 1] = sample(r, cum);
            enc.encode(cum[log[i + 1]], freq[log[i + 1]], 16);
        }
        enc.finish();
        byte[] out = enc.toByteArray();
        RangeDecoder dec = new RangeDecoder(out, 0, out.length);
        for (int i = 0; i < log.length; i += 2) {
            assertEquals(log[i], dec.decodeBit(20_000));
            int v = dec.decodeFreq(16);
            int s = 0;
            while (cum[s + 1] <= v) {
                s++;
            }
            dec.update(cum[s], freq[s], 16);
            assertEquals(log[i + 1], s);
        }
        assertDoesNotThrow(dec);
    }

    @Test
    void emptyPayloadIsEmpty() {
        RangeEncoderToBuffer enc = new RangeEncoderToBuffer();
        enc.finish();
        assertEquals(0, enc.size());
        assertDoesNotThrow(new RangeDecoder(new byte[0], 0, 0));
    }

    @Test
    void leftoverBytesAreReported() {
        RangeEncoderToBuffer enc = new RangeEncoderToBuffer();
        for (int i = 0; i < 1000; i++) {
            enc.encodeBit(30_000, i & 1);
        }
        enc.finish();
        byte[] out = java.util.Arrays.copyOf(enc.toByteArray(), enc.size() + 1);
        RangeDecoder dec = new RangeDecoder(out, 0, out.length);
        for (int i = 0; i < 1000; i++) {
            dec.decodeBit(30_000);
        }
        CorruptedInputException e = assertThrows(CorruptedInputException.class, dec::finish);
        assertTrue(e.getMessage().contains("unused trailing"), e.getMessage());
    }

    @Test
    void garbageDecodesWithinBoundsWithoutHanging() {
        byte[] junk = new byte[64];
        new Random(5).nextBytes(junk);
        for (int fill : new int[] {0x00, 0xFF}) {
            byte[] b = junk.clone();
            java.util.Arrays.fill(b, 0, 8, (byte) fill);
            RangeDecoder dec = new RangeDecoder(b, 0, b.length);
            for (int i = 0; i < 10_000; i++) {
                int v = dec.decodeFreq(16);
                assertTrue(v >= 0 && v < 65536);
                dec.update(v, 1, 16);
                dec.decodeBit(1 + (i * 977) % 65535);
            }
        }
    }

    @Test
    void invalidArgumentsAreRejected() {
        RangeEncoderToBuffer enc = new RangeEncoderToBuffer();
        assertThrows(IllegalArgumentException.class, () -> enc.encodeBit(0, 1));
        assertThrows(IllegalArgumentException.class, () -> enc.encodeBit(65536, 0));
        assertThrows(IllegalArgumentException.class, () -> enc.encode(0, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> enc.encode(65535, 2, 16));
        assertThrows(IllegalArgumentException.class, () -> enc.encode(0, 1, 25));
    }
}
