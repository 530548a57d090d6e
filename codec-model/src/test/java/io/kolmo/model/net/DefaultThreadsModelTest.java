package io.kolmo.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kolmo's default thread setting splits the work: full windows on two ONNX Runtime threads, steps of
 * up to 16 sequences on the Java network (window prefixes on ONNX Runtime), larger batches on a
 * one-thread session. Every path must give the golden integers.
 */
class DefaultThreadsModelTest {
    @Test
    void everyPathOfTheDefaultSettingMatchesGolden() throws Exception {
        Golden.Seq s = Golden.sequences().get(3); // 512 bytes
        try (ByteModel m = Models.load(Golden.defaultOnnx(), Golden.defaultWeights(),
                new ModelOptions(ModelOptions.Backend.CPU, 0, 0))) {
            assertTrue(m.backend().contains("incremental steps: 1 thread"), m.backend());
            assertTrue(m.backend().contains("steps of up to 16 sequences on the Java network"), m.backend());
            assertArrayEquals(s.logits(), m.forward(new byte[][] {s.bytes()}, s.len())[0]);
            // split batches: two halves at once, in runs of at most 8 windows (odd sizes, a run boundary)
            for (int batch : List.of(2, 5, 19)) {
                byte[][] win = new byte[batch][];
                java.util.Arrays.fill(win, s.bytes());
                int[][] got = m.forward(win, s.len());
                for (int b = 0; b < batch; b++) {
                    assertArrayEquals(s.logits(), got[b], "batch " + batch + ", window " + b);
                }
            }
            for (int batch : List.of(1, 3, 17)) {
                byte[][] in = new byte[batch][];
                java.util.Arrays.fill(in, s.bytes());
                try (ByteModel.Incremental inc = m.incremental(batch)) {
                    int[][] l = inc.feed(in, 0, s.prefix());
                    for (int b = 0; b < batch; b++) {
                        assertArrayEquals(Golden.rows(s.logits(), s.prefix() - 1, s.prefix()), l[b]);
                    }
                    for (int pos = s.prefix(); pos < s.len(); pos += 37) {
                        inc.reset();
                        inc.feed(in, 0, pos);
                        l = inc.feed(in, pos, 1);
                        for (int b = 0; b < batch; b++) {
                            assertArrayEquals(Golden.rows(s.logits(), pos, pos + 1), l[b],
                                    "batch " + batch + ", row " + b + ", position " + pos);
                        }
                    }
                }
            }
        }
    }

    @Test
    void anExplicitThreadCountKeepsEverythingOnOnnxRuntime() throws Exception {
        try (ByteModel m = Models.load(Golden.defaultOnnx(), Golden.defaultWeights(),
                new ModelOptions(ModelOptions.Backend.CPU, 0, 2))) {
            assertTrue(m instanceof OrtModel, m.backend());
            assertTrue(!m.backend().contains("Java") && !m.backend().contains("incremental steps"), m.backend());
        }
    }
}
