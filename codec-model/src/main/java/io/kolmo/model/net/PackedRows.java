package io.kolmo.model.net;

import java.util.Arrays;

/**
 * The weight rows of a linear map with two output columns packed into each {@code int}, so that one
 * 32-bit multiply-add computes two products: column {@code j0 + k} in the low 16 bits and column
 * {@code j0 + half + k} in the high 16 bits of {@code p[c][k]}. Half as many multiplies, loads and
 * bytes of weights per step as one {@code int} per weight, and the same integers.
 *
 * <p>Why it is exact: a packed partial sum over inputs {@code c} is {@code L + 65536 * H}, where
 * {@code L} and {@code H} are the two columns' exact sums. While {@code |L|} and {@code |H|} are at most
 * {@value #LIMIT}, that value fits an {@code int} without wrapping, the sign-extended low 16 bits are
 * {@code L} and the rest shifted down is {@code H}. Both are bounded by
 * {@code sum |x[c]| * maxW}, which {@link #matmul} tracks per row: before adding a group of inputs
 * that could pass the limit it moves ("flushes") the packed sums into the {@code int} accumulator and
 * starts again from 0. With int8 inputs and this network's 7-bit weights a group of four always fits;
 * small activations (most of them) let many groups share one flush.
 *
 * <p>Immutable and thread-safe; the scratch arrays belong to the caller.
 */
final class PackedRows {
    /** Largest magnitude either packed column may reach between flushes. */
    static final int LIMIT = Short.MAX_VALUE;
    private final int[][] p;
    private final int j0;
    private final int width;
    private final int half;
    /** Largest |weight| of the packed columns (at least 1). */
    private final int maxW;

    private PackedRows(int[][] p, int j0, int width, int half, int maxW) {
        this.p = p;
        this.j0 = j0;
        this.width = width;
        this.half = half;
        this.maxW = maxW;
    }

    /**
     * Packs columns {@code j0 <= j < j1} of {@code w[c][j]} (every row {@code c}); an odd column count
     * leaves the last packed int's high half 0.
     *
     * @throws IllegalArgumentException if the columns are not within every row, or a weight is outside
 *     [-128, 127] (int8), the range the limit assumes
     */
    static PackedRows of(int[][] w, int j0, int j1) {
        for (int[] row : w) {
            if (j0 < 0 || j1 < j0 || j1 > row.length) {
                throw new IllegalArgumentException("columns [" + j0 + ", " + j1 + ") of a row of " + row.length);
            }
        }
        int width = j1 - j0;
        int half = (width + 1) / 2;
        int[][] p = new int[w.length][half];
        int maxW = 1;
        for (int c = 0; c < w.length; c++) {
            int[] wc = w[c];
            for (int j = j0; j < j1; j++) {
                if (wc[j] < -128 || wc[j] > 127) {
                    throw new IllegalArgumentException("weight " + wc[j] + " is not int8");
                }
                maxW = Math.max(maxW, Math.abs(wc[j]));
            }
            for (int k = 0; k < half; k++) {
                int hi = k + half < width ? wc[j0 + half + k] : 0;
                p[c][k] = wc[j0 + k] + (hi << 16);
            }
        }
        return new PackedRows(p, j0, width, half, maxW);
    }

    /** Packed ints per row: the length {@code pacc} rows need. */
    int half() {
        return half;
    }

    /**
     * {@code acc[r][j] = sum_{c0 <= c < c1} x[r][c] * w[c][j]} for rows {@code r < rows} and the packed
     * columns {@code j0 <= j < j1}; other columns of {@code acc} are left as they are. Each group of four
     * weight rows is applied to every row of the batch while it is in the L1 cache; groups whose four
     * inputs are all 0 are skipped.
     *
     * @param x inputs, int8 ([-128, 127]): the bound on the packed sums assumes it
     * @throws IllegalArgumentException if an input is too large for one product to fit the limit
     * @param pacc scratch, {@code rows} arrays of at least {@link #half()} ints
     * @param bound scratch, at least {@code rows} ints
     */
    void matmul(int[][] x, int rows, int c0, int c1, int[][] acc, int[][] pacc, int[] bound) {
        for (int r = 0; r < rows; r++) {
            Arrays.fill(acc[r], j0, j0 + width, 0);
            Arrays.fill(pacc[r], 0, half, 0);
            bound[r] = 0;
        }
        int c = c0;
        for (; c + 4 <= c1; c += 4) {
            for (int r = 0; r < rows; r++) {
                int[] xr = x[r];
                if ((xr[c] | xr[c + 1] | xr[c + 2] | xr[c + 3]) != 0) {
                    four(xr, c, c + 1, c + 2, c + 3, pacc[r], acc[r], bound, r);
                }
            }
        }
        for (; c < c1; c++) {
            for (int r = 0; r < rows; r++) {
                one(x[r], c, pacc[r], acc[r], bound, r);
            }
        }
        for (int r = 0; r < rows; r++) {
            if (bound[r] != 0) {
                flush(pacc[r], acc[r]);
            }
        }
    }

    /**
     * {@link #matmul} for one row of inputs that are mostly 0 (a ReLU layer's output, about 93 % zeros
     * in the default model's FFNs): the inputs that are not 0 are gathered first and taken four at a
     * time, where {@link #matmul} can skip only the groups of four consecutive inputs that are all 0.
     * The same integers (sums of the same products).
     *
     * @param x inputs, int8
     * @param acc receives columns {@code j0 <= j < j1}; the others are left as they are
     * @param pacc scratch of at least {@link #half()} ints
     * @param bound scratch of at least one int
     * @param nz scratch of at least {@code c1 - c0} ints
     */
    void matmulSparse(int[] x, int c0, int c1, int[] acc, int[] pacc, int[] bound, int[] nz) {
        int n = 0;
        for (int c = c0; c < c1; c++) {
            if (x[c] != 0) {
                nz[n++] = c;
            }
        }
        Arrays.fill(acc, j0, j0 + width, 0);
        Arrays.fill(pacc, 0, half, 0);
        bound[0] = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            four(x, nz[i], nz[i + 1], nz[i + 2], nz[i + 3], pacc, acc, bound, 0);
        }
        for (; i < n; i++) {
            one(x, nz[i], pacc, acc, bound, 0);
        }
        if (bound[0] != 0) {
            flush(pacc, acc);
        }
    }

    /**
     * Adds inputs {@code c0..c3} of one row, flushing first when their products could pass the limit.
     */
    private void four(int[] xr, int c0, int c1, int c2, int c3, int[] pr, int[] ar, int[] bound, int r) {
        int a0 = xr[c0];
        int a1 = xr[c1];
        int a2 = xr[c2];
        int a3 = xr[c3];
        int b = (Math.abs(a0) + Math.abs(a1) + Math.abs(a2) + Math.abs(a3)) * maxW;
        if (bound[r] + b > LIMIT) {
            flush(pr, ar);
            bound[r] = 0;
            if (b > LIMIT) {
                // weights near 127 with large inputs: four products may not fit, one always does
                one(xr, c0, pr, ar, bound, r);
                one(xr, c1, pr, ar, bound, r);
                one(xr, c2, pr, ar, bound, r);
                one(xr, c3, pr, ar, bound, r);
                return;
            }
        }
        bound[r] += b;
        int[] w0 = p[c0];
        int[] w1 = p[c1];
        int[] w2 = p[c2];
        int[] w3 = p[c3];
        final int half = this.half;
        for (int k = 0; k < half; k++) {
            pr[k] += a0 * w0[k] + a1 * w1[k] + a2 * w2[k] + a3 * w3[k];
        }
    }

    /**
     * Adds input {@code c} of one row ({@code |x| * maxW <= 128 * 128 < LIMIT}: it always fits after a flush).
     *
     * @throws IllegalArgumentException if the input is so far outside int8 that one product could pass the limit
     */
    private void one(int[] xr, int c, int[] pr, int[] ar, int[] bound, int r) {
        int a = xr[c];
        if (a == 0) {
            return;
        }
        int b = Math.abs(a) * maxW;
        if (b > LIMIT) {
            throw new IllegalArgumentException("input " + a + " is not int8");
        }
        if (bound[r] + b > LIMIT) {
            flush(pr, ar);
            bound[r] = 0;
        }
        bound[r] += b;
        int[] wc = p[c];
        for (int k = 0; k < half; k++) {
            pr[k] += a * wc[k];
        }
    }

    /** Adds the two columns held in {@code pr} to {@code ar} and zeroes {@code pr}. */
    private void flush(int[] pr, int[] ar) {
        final int half = this.half;
        final int lo0 = j0;
        for (int k = 0; k < half; k++) {
            int v = pr[k];
            int lo = (v << 16) >> 16;
            ar[lo0 + k] += lo;
            pr[k] = v - lo;
        }
        final int hi0 = j0 + half;
        final int hiWidth = width - half;
        for (int k = 0; k < hiWidth; k++) {
            ar[hi0 + k] += pr[k] >> 16;
        }
        Arrays.fill(pr, 0, half, 0);
    }
}
