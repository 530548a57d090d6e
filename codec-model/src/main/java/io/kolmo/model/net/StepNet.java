package io.kolmo.model.net;

import java.util.Arrays;
import java.util.Objects;

/**
 * The integer network of a {@link ReferenceModel} laid out for fast one-byte steps of a batch of
 * sequences in lock-step (decoding): the same integers as the reference, computed in an order the
 * JIT compiler vectorises. Every product is summed in {@code int} exactly as in the reference (the
 * sums are exact and order does not change them), so the logits are identical bit for bit; tests
 * compare both at every step.
 *
 * <p>What makes it faster: every weight row, key row and accumulator is its own array indexed from
 * 0, so each inner loop is {@code acc[j] += a * w[j]} with one index, which HotSpot turns into SIMD
 * multiply-adds (with an offset into one shared array, as in the reference, it cannot rule out
 * that the store overlaps a later load and leaves the loop scalar); four weight rows are added at
 * once (one load and store of the accumulator per four products; a group whose four inputs are all
 * 0, common after the ReLU, is skipped); and a batch applies each group of weight rows to all its
 * sequences while they are in the L1 cache. Keys are stored by element
 * ({@code [head * dh + e][pos]}), so the scores are the same kind of loop; values by position
 * ({@code [head][pos][e]}), so the weighted sum adds whole value rows, skipping the positions the
 * attention table gives weight 0.
 *
 * <p>Immutable and thread-safe; each {@link Steps} owns its caches and buffers and is not.
 */
final class StepNet {
    private final ReferenceModel net;
    private final int d;
    private final int dh;
    private final int nHead;
    private final int dff;
    private final int ctx;
    /** Per layer, per input: the weight row [out]. */
    private final int[][][] qkvW;
    private final int[][][] projW;
    private final int[][][] upW;
    private final int[][][] downW;
    private final int[][] headW;

    StepNet(ReferenceModel net) {
        this.net = Objects.requireNonNull(net, "net");
        d = net.d;
        dh = net.dh;
        nHead = net.nHead;
        dff = net.dff;
        ctx = net.ctx;
        int nl = net.nLayer;
        qkvW = new int[nl][][];
        projW = new int[nl][][];
        upW = new int[nl][][];
        downW = new int[nl][][];
        for (int l = 0; l < nl; l++) {
            ReferenceModel.Layer ly = net.layers[l];
            qkvW[l] = rows(ly.qkv());
            projW[l] = rows(ly.proj());
            upW[l] = rows(ly.up());
            downW[l] = rows(ly.down());
        }
        headW = rows(net.head);
    }

    private static int[][] rows(ReferenceModel.Linear lin) {
        int in = lin.in();
        int out = lin.out();
        int[][] r = new int[in][];
        for (int c = 0; c < in; c++) {
            r[c] = Arrays.copyOfRange(lin.w(), c * out, (c + 1) * out);
        }
        return r;
    }

    /** A lock-step evaluation of {@code batch} sequences, empty at position 0. */
    Steps steps(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch " + batch);
        }
        return new Steps(batch);
    }

    /**
     * {@code acc[r][j] = sum_c x[r][c] * w[c][j]} for rows {@code r < rows}, {@code j < out}: each
     * group of four weight rows applied to every row of the batch before the next is loaded.
     */
    static void matmul(int[][] x, int rows, int[][] w, int out, int[][] acc) {
        for (int r = 0; r < rows; r++) {
            Arrays.fill(acc[r], 0, out, 0);
        }
        int in = w.length;
        int c = 0;
        for (; c + 4 <= in; c += 4) {
            int[] w0 = w[c];
            int[] w1 = w[c + 1];
            int[] w2 = w[c + 2];
            int[] w3 = w[c + 3];
            for (int r = 0; r < rows; r++) {
                int[] xr = x[r];
                int a0 = xr[c];
                int a1 = xr[c + 1];
                int a2 = xr[c + 2];
                int a3 = xr[c + 3];
                if ((a0 | a1 | a2 | a3) != 0) {
                    int[] ar = acc[r];
                    for (int j = 0; j < out; j++) {
                        ar[j] += a0 * w0[j] + a1 * w1[j] + a2 * w2[j] + a3 * w3[j];
                    }
                }
            }
        }
        for (; c < in; c++) {
            int[] wc = w[c];
            for (int r = 0; r < rows; r++) {
                int a = x[r][c];
                if (a != 0) {
                    int[] ar = acc[r];
                    for (int j = 0; j < out; j++) {
                        ar[j] += a * wc[j];
                    }
                }
            }
        }
    }

    /** Lock-step one-byte evaluation of a batch; not thread-safe. */
    final class Steps implements ByteModel.Incremental {
        private final int batch;
        /** Keys [seq][layer][head * dh + e][pos]. */
        private final int[][][][] kT;
        /** Values [seq][layer][head][pos][e]. */
        private final int[][][][][] v;
        private final int[][] x;
        private final int[][] h;
        private final int[][] acc;
        private final int[][] q;
        private final int[][] a;
        private final int[][] g;
        private final int[] scores;
        private final int[] o;
        /** Attention weights that are not 0, and their positions. */
        private final int[] wgt;
        private final int[] at;
        private int p;

        Steps(int batch) {
            this.batch = batch;
            int nl = net.nLayer;
            kT = new int[batch][nl][d][ctx];
            v = new int[batch][nl][nHead][ctx][dh];
            x = new int[batch][d];
            h = new int[batch][d];
            acc = new int[batch][Math.max(Math.max(3 * d, dff), ReferenceModel.VOCAB)];
            q = new int[batch][d];
            a = new int[batch][d];
            g = new int[batch][dff];
            scores = new int[ctx];
            o = new int[dh];
            wgt = new int[ctx];
            at = new int[ctx];
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public int position() {
            return p;
        }

        @Override
        public int[][] feed(byte[][] bytes, int off, int n) {
            check(bytes, off, n);
            int[][] out = new int[batch][ReferenceModel.VOCAB];
            for (int t = 0; t < n; t++) {
                step(bytes, off + t, t == n - 1 ? out : null);
            }
            return out;
        }

        /**
         * The checks of {@link #feed}: one array per sequence, each holding {@code off + n} bytes, and
         * {@code n} more positions within the context.
         */
        void check(byte[][] bytes, int off, int n) {
            Feeds.check(bytes, batch, p, ctx, off, n);
        }

        /**
         * Continues every sequence from caches computed elsewhere (the same network on ONNX Runtime):
         * the int8 cache {@code [L][batch][H][n][dh]} of positions {@code 0 .. n-1}.
         */
        void load(OrtModel.Prefill pre) {
            int nl = net.nLayer;
            if (pre.batch() != batch || pre.nLayer() != nl || pre.nHead() != nHead || pre.headDim() != dh
                    || pre.n() < 1 || pre.n() > ctx) {
                throw new IllegalArgumentException("a cache of " + pre.nLayer() + " x " + pre.batch() + " x "
                        + pre.nHead() + " x " + pre.n() + " x " + pre.headDim() + " does not fit this model and batch");
            }
            int n = pre.n();
            byte[] pk = pre.k();
            byte[] pv = pre.v();
            for (int l = 0; l < nl; l++) {
                for (int b = 0; b < batch; b++) {
                    for (int hh = 0; hh < nHead; hh++) {
                        int src = (((l * batch + b) * nHead + hh) * n) * dh;
                        for (int e = 0; e < dh; e++) {
                            int[] kr = kT[b][l][hh * dh + e];
                            for (int t = 0; t < n; t++) {
                                kr[t] = pk[src + t * dh + e];
                                v[b][l][hh][t][e] = pv[src + t * dh + e];
                            }
                        }
                    }
                }
            }
            p = n;
        }

        /** One position for every sequence: byte {@code bytes[b][i]} at position {@link #p}. */
        private void step(byte[][] bytes, int i, int[][] out) {
            final int pt = p;
            final int[] tok = net.tok;
            final int[] pos = net.pos;
            for (int b = 0; b < batch; b++) {
                int c0 = bytes[b][i] & 0xff;
                int[] xb = x[b];
                for (int c = 0; c < d; c++) {
                    xb[c] = ReferenceModel.clip16((long) tok[c0 * d + c] + pos[pt * d + c]);
                }
            }
            for (int l = 0; l < net.nLayer; l++) {
                ReferenceModel.Layer ly = net.layers[l];
                norm(ly.ln1());
                matmul(h, batch, qkvW[l], 3 * d, acc);
                long[] m = ly.qkv().m();
                int s = ly.qkv().s();
                int[] lo = ly.qkvLo();
                int[] hi = ly.qkvHi();
                for (int b = 0; b < batch; b++) {
                    int[][] kl = kT[b][l];
                    int[][][] vl = v[b][l];
                    int[] ab = acc[b];
                    int[] qb = q[b];
                    for (int hh = 0; hh < nHead; hh++) {
                        // columns: q of every head, then k, then v
                        for (int e = 0; e < dh; e++) {
                            int jq = hh * dh + e;
                            int jk = d + jq;
                            int jv = 2 * d + jq;
                            qb[jq] = requant(ab[jq], m[jq], s, lo[jq], hi[jq]);
                            kl[jq][pt] = requant(ab[jk], m[jk], s, lo[jk], hi[jk]);
                            vl[hh][pt][e] = requant(ab[jv], m[jv], s, lo[jv], hi[jv]);
                        }
                        attend(ly, qb, kl, vl, hh, pt, a[b]);
                    }
                }
                residual(a, projW[l], ly.proj());
                norm(ly.ln2());
                matmul(h, batch, upW[l], dff, acc);
                ReferenceModel.Linear up = ly.up();
                long[] um = up.m();
                int us = up.s();
                int upLo = ly.upLo();
                int[] gelu = ly.gelu();
                for (int b = 0; b < batch; b++) {
                    int[] ab = acc[b];
                    int[] gb = g[b];
                    for (int j = 0; j < dff; j++) {
                        int u = requant(ab[j], um[j], us, upLo, 127);
                        gb[j] = gelu == null ? u : gelu[u + 128] - 128;
                    }
                }
                residual(g, downW[l], ly.down());
            }
            p = pt + 1;
            if (out == null) {
                return;
            }
            norm(net.lnf);
            matmul(h, batch, headW, ReferenceModel.VOCAB, acc);
            ReferenceModel.Linear head = net.head;
            for (int b = 0; b < batch; b++) {
                int[] ob = out[b];
                int[] ab = acc[b];
                for (int j = 0; j < ReferenceModel.VOCAB; j++) {
                    ob[j] = (int) ReferenceModel.rshiftRound(ab[j] * head.m()[j], head.s());
                }
            }
        }

        private static int requant(int acc, long m, int s, int lo, int hi) {
            return (int) Math.min(Math.max(ReferenceModel.rshiftRound(acc * m, s), lo), hi);
        }

        /** The reference's integer RMSNorm of every x[b] into h[b]. */
        private void norm(int[] gain) {
            for (int b = 0; b < batch; b++) {
                net.norm(x[b], gain, h[b], 0, 1);
            }
        }

        /** One head of one sequence at position {@code pt}: scores, table weights, weighted values. */
        private void attend(ReferenceModel.Layer ly, int[] qb, int[][] kl, int[][][] vl, int hh, int pt, int[] ab) {
            int n = pt + 1;
            Arrays.fill(scores, 0, n, 0);
            int e = hh * dh;
            for (; e + 4 <= (hh + 1) * dh; e += 4) {
                int q0 = qb[e];
                int q1 = qb[e + 1];
                int q2 = qb[e + 2];
                int q3 = qb[e + 3];
                int[] k0 = kl[e];
                int[] k1 = kl[e + 1];
                int[] k2 = kl[e + 2];
                int[] k3 = kl[e + 3];
                for (int u = 0; u < n; u++) {
                    scores[u] += q0 * k0[u] + q1 * k1[u] + q2 * k2[u] + q3 * k3[u];
                }
            }
            for (; e < (hh + 1) * dh; e++) {
                int qe = qb[e];
                int[] kr = kl[e];
                for (int u = 0; u < n; u++) {
                    scores[u] += qe * kr[u];
                }
            }
            int mx = Integer.MIN_VALUE;
            for (int u = 0; u < n; u++) {
                mx = Math.max(mx, scores[u]);
            }
            int[] table = ly.attExp();
            int tableMax = table.length - 1;
            int sh = ly.attSh();
            long tot = 0;
            int live = 0;
            for (int u = 0; u < n; u++) {
                int w = table[Math.min((mx - scores[u]) >> sh, tableMax)];
                if (w != 0) {
                    tot += w;
                    wgt[live] = w;
                    at[live++] = u;
                }
            }
            Arrays.fill(o, 0);
            int[][] vh = vl[hh];
            int i = 0;
            for (; i + 4 <= live; i += 4) {
                int w0 = wgt[i];
                int w1 = wgt[i + 1];
                int w2 = wgt[i + 2];
                int w3 = wgt[i + 3];
                int[] v0 = vh[at[i]];
                int[] v1 = vh[at[i + 1]];
                int[] v2 = vh[at[i + 2]];
                int[] v3 = vh[at[i + 3]];
                for (int c = 0; c < dh; c++) {
                    o[c] += w0 * v0[c] + w1 * v1[c] + w2 * v2[c] + w3 * v3[c];
                }
            }
            for (; i < live; i++) {
                int w0 = wgt[i];
                int[] v0 = vh[at[i]];
                for (int c = 0; c < dh; c++) {
                    o[c] += w0 * v0[c];
                }
            }
            long inv = (1L << ReferenceModel.ATT_BITS) / tot;
            for (int c = 0; c < dh; c++) {
                ab[hh * dh + c] = ReferenceModel.clip8(ReferenceModel.rshiftRound(o[c] * inv * ly.attM(),
                        ReferenceModel.ATT_BITS + ly.attS()));
            }
        }

        /** x[b] = clip16(x[b] + requant(in[b] . lin)) for every sequence. */
        private void residual(int[][] in, int[][] w, ReferenceModel.Linear lin) {
            int out = lin.out();
            matmul(in, batch, w, out, acc);
            long[] m = lin.m();
            int s = lin.s();
            for (int b = 0; b < batch; b++) {
                int[] xb = x[b];
                int[] ab = acc[b];
                for (int j = 0; j < out; j++) {
                    xb[j] = ReferenceModel.clip16(xb[j] + ReferenceModel.rshiftRound(ab[j] * m[j], s));
                }
            }
        }

        @Override
        public void reset() {
            p = 0;
        }

        @Override
        public void close() {
        }
    }
}
