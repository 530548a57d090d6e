package io.kolmo.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PackedRows} must give exactly the sums of a plain {@code int} matrix product, whatever the values. */
class PackedRowsTest {

    private static int[][] plain(int[][] x, int rows, int c0, int c1, int[][] w, int j0, int j1, int width) {
        int[][] acc = new int[rows][width];
        for (int r = 0; r < rows; r++) {
            for (int j = j0; j < j1; j++) {
                int s = 0;
                for (int c = c0; c < c1; c++) {
                    s += x[r][c] * w[c][j];
                }
                acc[r][j] = s;
            }
        }
        return acc;
    }

    private static void check(int[][] x, int rows, int c0, int c1, int[][] w, int j0, int j1) {
        int width = w[0].length;
        int[][] want = plain(x, rows, c0, c1, w, j0, j1, width);
        PackedRows p = PackedRows.of(w, j0, j1);
        int[][] acc = new int[rows][width];
        for (int[] a : acc) {
            java.util.Arrays.fill(a, 777); // columns outside [j0, j1) must stay as they are
        }
        for (int r = 0; r < rows; r++) {
            for (int j = j0; j < j1; j++) {
                acc[r][j] = -999; // and those inside are overwritten, not added to
            }
        }
        int[][] pacc = new int[rows][Math.max(1, p.half())];
        int[] bound = new int[rows];
        p.matmul(x, rows, c0, c1, acc, pacc, bound);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                int expect = j >= j0 && j < j1 ? want[r][j] : 777;
                assertEquals(expect, acc[r][j], "row " + r + " column " + j);
            }
        }
        // the one-row sparse path gives the same sums, row by row
        int[] nz = new int[Math.max(0, c1 - c0)];
        for (int r = 0; r < rows; r++) {
            int[] one = new int[width];
            java.util.Arrays.fill(one, 777);
            for (int j = j0; j < j1; j++) {
                one[j] = -999;
            }
            p.matmulSparse(x[r], c0, c1, one, new int[Math.max(1, p.half())], new int[1], nz);
            for (int j = 0; j < width; j++) {
                int expect = j >= j0 && j < j1 ? want[r][j] : 777;
                assertEquals(expect, one[j], "sparse, row " + r + " column " + j);
            }
        }
    }

    private static int[][] fill(Random rnd, int n, int m, int lo, int hi) {
        int[][] a = new int[n][m];
        for (int[] row : a) {
            for (int j = 0; j < m; j++) {
                row[j] = lo + rnd.nextInt(hi - lo + 1);
            }
        }
        return a;
    }

    @Test
    void randomSevenBitWeightsAndInt8Inputs() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 50; trial++) {
            int inputs = 1 + rnd.nextInt(70);
            int width = 1 + rnd.nextInt(40);
            int rows = 1 + rnd.nextInt(4);
            int[][] w = fill(rnd, inputs, width, -63, 63);
            int[][] x = fill(rnd, rows, inputs, -128, 127);
            check(x, rows, 0, inputs, w, 0, width);
        }
    }

    @Test
    void extremeValuesForceFlushesAndSingleInputs() {
        int inputs = 37;
        int width = 9;
        for (int wv : new int[] {127, -128, 63, -63, 1}) {
            for (int xv : new int[] {-128, 127, 1}) {
                int[][] w = new int[inputs][width];
                int[][] x = new int[3][inputs];
                for (int c = 0; c < inputs; c++) {
                    for (int j = 0; j < width; j++) {
                        w[c][j] = (j % 2 == 0) ? wv : -wv == 128 ? 127 : -wv;
                    }
                    x[0][c] = xv;
                    x[1][c] = c % 2 == 0 ? xv : -xv == 128 ? 127 : -xv;
                    x[2][c] = c % 5 == 0 ? 0 : xv;
                }
                check(x, 3, 0, inputs, w, 0, width);
            }
        }
    }

    @Test
    void randomFullRangeWeightsSparseInputs() {
        Random rnd = new Random(2);
        for (int trial = 0; trial < 40; trial++) {
            int inputs = 1 + rnd.nextInt(90);
            int width = 1 + rnd.nextInt(33);
            int[][] w = fill(rnd, inputs, width, -128, 127);
            int[][] x = fill(rnd, 2, inputs, -128, 127);
            for (int[] row : x) {
                for (int c = 0; c < inputs; c++) {
                    if (rnd.nextInt(3) == 0) {
                        row[c] = 0;
                    }
                }
            }
            check(x, 2, 0, inputs, w, 0, width);
        }
    }

    @Test
    void reluLikeActivationsMostlyZero() {
        Random rnd = new Random(4);
        for (int trial = 0; trial < 30; trial++) {
            int inputs = 256 + rnd.nextInt(300);
            int[][] w = fill(rnd, inputs, 128, -63, 63);
            int[][] x = new int[1][inputs];
            for (int c = 0; c < inputs; c++) {
                x[0][c] = rnd.nextInt(100) < 93 ? 0 : rnd.nextInt(128);
            }
            check(x, 1, 0, inputs, w, 0, 128);
            check(x, 1, inputs / 2, inputs, w, 0, 128);
        }
    }

    @Test
    void columnAndInputSubranges() {
        Random rnd = new Random(3);
        int[][] w = fill(rnd, 48, 30, -63, 63);
        int[][] x = fill(rnd, 5, 48, -128, 127);
        check(x, 5, 0, 48, w, 7, 22);
        check(x, 5, 13, 47, w, 0, 30);
        check(x, 4, 3, 3, w, 5, 6);
        check(x, 1, 0, 48, w, 29, 30);
    }

    @Test
    void emptyWidthIsAllowed() {
        int[][] w = new int[4][6];
        PackedRows p = PackedRows.of(w, 3, 3);
        assertEquals(0, p.half());
        int[][] acc = {{1, 2, 3, 4, 5, 6}};
        p.matmul(new int[][] {{1, 2, 3, 4}}, 1, 0, 4, acc, new int[1][1], new int[1]);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, acc[0]);
    }

    @Test
    void refusesInputsThatCouldOverflowAHalfRatherThanReturnWrongSums() {
        int[][] w = {{127, -128}, {1, 1}, {2, 2}, {3, 3}};
        PackedRows p = PackedRows.of(w, 0, 2);
        int[][] acc = new int[1][2];
        assertThrows(IllegalArgumentException.class,
                () -> p.matmul(new int[][] {{300, 0, 0, 0}}, 1, 0, 4, acc, new int[1][1], new int[1]));
        assertThrows(IllegalArgumentException.class,
                () -> p.matmulSparse(new int[] {0, 300, 0, 0}, 0, 4, new int[2], new int[1], new int[1], new int[4]));
        // 255 is not int8 either, but 255 * 128 still fits: exact
        check(new int[][] {{255, -255, 255, 7}}, 1, 0, 4, w, 0, 2);
    }

    @Test
    void rejectsWeightsOutsideInt8AndBadColumns() {
        assertThrows(IllegalArgumentException.class, () -> PackedRows.of(new int[][] {{128}}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> PackedRows.of(new int[][] {{-129}}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> PackedRows.of(new int[][] {{1, 2}}, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> PackedRows.of(new int[][] {{1, 2}}, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> PackedRows.of(new int[][] {{1, 2}}, 0, 3));
    }
}
