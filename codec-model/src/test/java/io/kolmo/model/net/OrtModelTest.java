package io.kolmo.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kolmo.codec.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrtModelTest {
    private static OrtModel one;
    private static OrtModel two;

    @BeforeAll
    static void load() throws Exception {
        WeightsFile w = WeightsFile.parse(Golden.defaultWeights());
        one = OrtModel.load(Golden.defaultOnnx(), new ModelOptions(ModelOptions.Backend.CPU, 0, 1), w);
        two = OrtModel.load(Golden.defaultOnnx(), new ModelOptions(ModelOptions.Backend.CPU, 0, 2), null);
    }

    @AfterAll
    static void close() {
        one.close();
        two.close();
    }

    @Test
    void metadataAndBackend() throws Exception {
        String id = WeightsFile.parse(Golden.defaultWeights()).idHex();
        for (OrtModel m : List.of(one, two)) {
            assertEquals(id, m.info().idHex());
            assertEquals(512, m.info().contextLength());
            assertEquals(1.0 / 256, m.info().logitScale());
            assertTrue(m.backend().startsWith("onnxruntime CPU"), m.backend());
        }
        assertTrue(one.backend().contains("1 thread"), one.backend());
        assertTrue(two.backend().contains("2 threads"), two.backend());
    }

    @Test
    void fullWindowMatchesGoldenWithOneAndTwoThreads() throws Exception {
        for (OrtModel m : List.of(one, two)) {
            for (Golden.Seq s : Golden.sequences()) {
                assertArrayEquals(s.logits(), m.forward(new byte[][] {s.bytes()}, s.len())[0],
                        m.backend() + ", golden sequence of " + s.len() + " bytes");
            }
        }
    }

    @Test
    void batchOfEightMatchesGoldenAndPaddingIsCausal() throws Exception {
        List<Golden.Seq> g = Golden.sequences();
        Golden.Seq big = g.get(3); // 512 bytes
        Golden.Seq mid = g.get(2); // 154 bytes
        Golden.Seq small = g.get(1); // 26 bytes
        for (OrtModel m : List.of(one, two)) {
            // eight windows of 512: the golden one, and the shorter golden sequences padded with junk
            byte[][] win = new byte[8][];
            for (int b = 0; b < 8; b++) {
                Golden.Seq s = b % 3 == 0 ? big : b % 3 == 1 ? mid : small;
                win[b] = Arrays.copyOf(s.bytes(), 512);
                for (int i = s.len(); i < 512; i++) {
                    win[b][i] = (byte) (i * 31 + b);
                }
            }
            int[][] got = m.forward(win, 512);
            for (int b = 0; b < 8; b++) {
                Golden.Seq s = b % 3 == 0 ? big : b % 3 == 1 ? mid : small;
                assertArrayEquals(s.logits(), Golden.rows(got[b], 0, s.len()), "batch row " + b);
            }
        }
    }

    @Test
    void forwardFromARowReturnsThoseRowsOnly() throws Exception {
        List<Golden.Seq> g = Golden.sequences();
        Golden.Seq big = g.get(3); // 512 bytes
        byte[][] win = new byte[3][];
        for (int b = 0; b < 3; b++) {
            win[b] = Arrays.copyOf(big.bytes(), 512);
            for (int i = 100 * b; b > 0 && i < 512; i++) {
                win[b][i] ^= (byte) (i * 7 + b); // window 0 is the golden one, the others differ from 100, 200
            }
        }
        ReferenceModel ref = ReferenceModel.of(Golden.defaultWeights());
        for (OrtModel m : List.of(one, two)) {
            int[][] all = m.forward(win, 512);
            for (int first : new int[] {1, 255, 256, 383, 511}) {
                int[][] got = m.forward(win, 512, first);
                for (int b = 0; b < 3; b++) {
                    assertEquals((512 - first) * 256, got[b].length);
                    assertArrayEquals(Golden.rows(all[b], first, 512), got[b], m.backend() + ", first " + first);
                }
                assertArrayEquals(Golden.rows(big.logits(), first, 512), got[0], "golden rows from " + first);
            }
            // a shorter window, and the Java reference (whose default method slices the full result)
            int[][] got = m.forward(win, 300, 150);
            int[][] want = ref.forward(win, 300, 150);
            for (int b = 0; b < 3; b++) {
                assertArrayEquals(want[b], got[b]);
                assertArrayEquals(Golden.rows(ref.forward(new byte[][] {win[b]}, 300)[0], 150, 300), got[b]);
            }
            for (int bad : new int[] {-1, 300, 301}) {
                assertThrows(IllegalArgumentException.class, () -> m.forward(win, 300, bad));
                assertThrows(IllegalArgumentException.class, () -> ref.forward(win, 300, bad));
            }
        }
    }

    @Test
    void rowsFromSlicesEverySequenceOfAFullResult() {
        // the path for graphs exported before the `first` input existed
        int[] flat = new int[2 * 3 * 256];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = i;
        }
        assertArrayEquals(flat, OrtModel.rowsFrom(flat, 2, 3, 0));
        int[] got = OrtModel.rowsFrom(flat, 2, 3, 2);
        assertArrayEquals(Golden.rows(Arrays.copyOfRange(flat, 0, 768), 2, 3), Arrays.copyOfRange(got, 0, 256));
        assertArrayEquals(Golden.rows(Arrays.copyOfRange(flat, 768, 1536), 2, 3), Arrays.copyOfRange(got, 256, 512));
    }

    @Test
    void incrementalMatchesGolden() throws Exception {
        for (OrtModel m : List.of(one, two)) {
            for (Golden.Seq s : Golden.sequences()) {
                try (ByteModel.Incremental inc = m.incremental(1)) {
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
                                m.backend() + ", golden sequence of " + s.len() + " bytes, position " + pos);
                    }
                    assertEquals(s.len(), inc.position());
                    assertThrows(IllegalArgumentException.class, () -> inc.feed(in, 0, 1 + 512 - s.len()));
                }
            }
        }
    }

    @Test
    void incrementalBatchOfEight() throws Exception {
        Golden.Seq s = Golden.sequences().get(3);
        byte[][] in = new byte[8][];
        for (int b = 0; b < 8; b++) {
            in[b] = s.bytes();
        }
        try (ByteModel.Incremental inc = two.incremental(8)) {
            for (int round = 0; round < 2; round++) {
                int[][] l = inc.feed(in, 0, 256);
                for (int b = 0; b < 8; b++) {
                    assertArrayEquals(Golden.rows(s.logits(), 255, 256), l[b]);
                }
                for (int pos = 256; pos < 300; pos += 11) {
                    int n = Math.min(11, 300 - pos);
                    l = inc.feed(in, pos, n);
                    for (int b = 0; b < 8; b++) {
                        assertArrayEquals(Golden.rows(s.logits(), pos + n - 1, pos + n), l[b], "position " + pos);
                    }
                }
                inc.reset();
            }
        }
    }

    @Test
    void referenceAndOrtAgreeOnText() throws Exception {
        byte[] text;
        Path alice = TestData.dataDir().map(d -> d.resolve("canterbury/alice29.txt")).orElse(null);
        if (alice != null && Files.isRegularFile(alice)) {
            byte[] all = Files.readAllBytes(alice);
            text = Arrays.copyOfRange(all, 10_000, 10_300);
        } else {
            text = TestData.text(300, 7);
        }
        ReferenceModel ref = ReferenceModel.of(Golden.defaultWeights());
        byte[] shifted = Arrays.copyOfRange(text, 100, 300);
        int[][] r = ref.forward(new byte[][] {text}, 200);
        int[][] r2 = ref.forward(new byte[][] {shifted}, 200);
        int[][] o = two.forward(new byte[][] {text, shifted}, 200);
        assertArrayEquals(r[0], o[0]);
        assertArrayEquals(r2[0], o[1]);
        try (ByteModel.Incremental ri = ref.incremental(1); ByteModel.Incremental oi = one.incremental(1)) {
            byte[][] in = {text};
            assertArrayEquals(ri.feed(in, 0, 150)[0], oi.feed(in, 0, 150)[0]);
            for (int p = 150; p < 300; p += 7) {
                int n = Math.min(7, 300 - p);
                assertArrayEquals(ri.feed(in, p, n)[0], oi.feed(in, p, n)[0], "position " + p);
            }
        }
    }

    @Test
    void garbageOnnxIsAClearIOException() {
        byte[] garbage = TestData.random(5000, 3);
        IOException e = assertThrows(IOException.class,
                () -> OrtModel.load(garbage, new ModelOptions(ModelOptions.Backend.CPU, 0, 1), null));
        assertTrue(e.getMessage().contains("ONNX"), e.getMessage());
        IOException e2 = assertThrows(IOException.class,
                () -> Models.load(garbage, null, new ModelOptions(ModelOptions.Backend.CPU, 0, 1)));
        assertTrue(e2.getMessage().contains("ONNX"), e2.getMessage());
        assertFalse(e2.getClass().getName().startsWith("ai.onnxruntime"));
    }

    /** Throughput of full windows (512 bytes, batch 8, 2 threads); run with -Dkolmo.bench=true. */
    @Test
    void throughput() throws Exception {
        assumeTrue(Boolean.getBoolean("kolmo.bench"), "set -Dkolmo.bench=true to measure");
        byte[][] win = new byte[8][];
        for (int b = 0; b < 8; b++) {
            win[b] = TestData.text(512, b);
        }
        for (int i = 0; i < 3; i++) {
            two.forward(win, 512);
        }
        int runs = Integer.getInteger("kolmo.bench.runs", 20);
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            two.forward(win, 512);
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf("ORT CPU full window: %d x [8 x 512] in %.2f s = %.0f bytes predicted/s (%s)%n", runs, sec,
                runs * 8 * 512 / sec, two.backend());
        ReferenceModel ref = ReferenceModel.of(Golden.defaultWeights());
        ref.forward(new byte[][] {win[0]}, 512);
        t0 = System.nanoTime();
        ref.forward(new byte[][] {win[1]}, 512);
        sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf("Java reference full window: 512 bytes in %.2f s = %.0f bytes predicted/s%n", sec, 512 / sec);
    }
}
