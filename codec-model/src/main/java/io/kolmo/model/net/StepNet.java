package io.kolmo.model.net;

import io.kolmo.model.ModelThreads;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

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
 * that the store overlaps a later load and leaves the loop scalar); the weight rows hold two
 * columns per {@code int} ({@link PackedRows}: two products per multiply, half the weight bytes);
 * four weight rows are added at once (one load and store of the accumulator per four products; a
 * group whose four inputs are all 0, common after the ReLU, is skipped); and a batch applies each
 * group of weight rows to all its sequences while they are in the L1 cache. Keys are stored by element
 * ({@code [head * dh + e][pos]}), so the scores are the same kind of loop; values by position
 * ({@code [head][pos][e]}), so the weighted sum adds whole value rows, skipping the positions the
 * attention table gives weight 0.
 *
 * <p>Immutable and thread-safe; each {@link Steps} owns its caches and buffers and is not.
 */
final class StepNet {
    /** Most threads that share one step: the caller's and one helper. */
    static final int MAX_THREADS = 2;
    /** A step thread idle this long gives its thread back to the pool. */
    static final long HELPER_RETIRE_NANOS = 1_000_000_000L;
    private final ReferenceModel net;
    private final int d;
    private final int dh;
    private final int nHead;
    private final int dff;
    private final int ctx;
    /** Per layer, every column of a step on one thread: q, k, v; the FFN's up projection; and the logits. */
    private final PackedRows[] qkvAll;
    private final PackedRows[] upAll;
    private final PackedRows headAll;
    /**
     * {@code [lane][layer]}, for a step shared by two threads: the q, k and v columns of the lane's heads,
     * the lane's hidden units of the up projection, its columns of the logits.
     */
    private final PackedRows[][] qkvLane;
    private final PackedRows[][] upLane;
    private final PackedRows[] headLane;
    /** Per layer, the output projections of attention and FFN (a lane sums over its inputs only). */
    private final PackedRows[] proj;
    private final PackedRows[] down;

    StepNet(ReferenceModel net) {
        this.net = Objects.requireNonNull(net, "net");
        d = net.d;
        dh = net.dh;
        nHead = net.nHead;
        dff = net.dff;
        ctx = net.ctx;
        int nl = net.nLayer;
        qkvAll = new PackedRows[nl];
        upAll = new PackedRows[nl];
        proj = new PackedRows[nl];
        down = new PackedRows[nl];
        qkvLane = new PackedRows[MAX_THREADS][nl];
        upLane = new PackedRows[MAX_THREADS][nl];
        headLane = new PackedRows[MAX_THREADS];
        int[][] headW = rows(net.head);
        headAll = PackedRows.of(headW, 0, ReferenceModel.VOCAB);
        for (int l = 0; l < nl; l++) {
            ReferenceModel.Layer ly = net.layers[l];
            int[][] qkvW = rows(ly.qkv());
            int[][] upW = rows(ly.up());
            qkvAll[l] = PackedRows.of(qkvW, 0, 3 * d);
            upAll[l] = PackedRows.of(upW, 0, dff);
            proj[l] = PackedRows.of(rows(ly.proj()), 0, d);
            down[l] = PackedRows.of(rows(ly.down()), 0, d);
            for (int lane = 0; lane < MAX_THREADS; lane++) {
                int h0 = nHead * lane / MAX_THREADS;
                int h1 = nHead * (lane + 1) / MAX_THREADS;
                int w = (h1 - h0) * dh;
                // the lane's q columns, then its k columns, then its v columns
                int[][] split = new int[d][3 * w];
                for (int c = 0; c < d; c++) {
                    for (int k = 0; k < 3; k++) {
                        System.arraycopy(qkvW[c], k * d + h0 * dh, split[c], k * w, w);
                    }
                }
                qkvLane[lane][l] = PackedRows.of(split, 0, 3 * w);
                upLane[lane][l] = PackedRows.of(upW, dff * lane / MAX_THREADS, dff * (lane + 1) / MAX_THREADS);
            }
        }
        for (int lane = 0; lane < MAX_THREADS; lane++) {
            headLane[lane] = PackedRows.of(headW, ReferenceModel.VOCAB * lane / MAX_THREADS,
                    ReferenceModel.VOCAB * (lane + 1) / MAX_THREADS);
        }
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

    /** A lock-step evaluation of {@code batch} sequences on the calling thread, empty at position 0. */
    Steps steps(int batch) {
        return steps(batch, 1);
    }

    /**
     * A lock-step evaluation of {@code batch} sequences, empty at position 0, each step shared by
     * {@code threads} (1 or 2) threads: the calling thread and, for 2, a helper from
     * {@link ModelThreads#pool()} that takes half the heads and half the FFN's hidden units and meets
     * the caller twice per layer to add partial sums. The integers are the same either way.
     */
    Steps steps(int batch, int threads) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch " + batch);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads " + threads + " (1 or 2)");
        }
        return new Steps(batch, threads);
    }

    /** Lock-step one-byte evaluation of a batch; not thread-safe (its helper thread is its own). */
    final class Steps implements ByteModel.Incremental {
        private final int batch;
        /** Keys [seq][layer][head * dh + e][pos]. */
        private final int[][][][] kT;
        /** Values [seq][layer][head][pos][e]. */
        private final int[][][][][] v;
        /** The bytes of the current step, one per sequence; read by the helper after a post. */
        private final int[] tokens;
        /** One per thread working on a step; lane 0 is the caller's. */
        private final Lane[] lanes;
        private final Helper helper;
        private int p;
        /** Where the current step's logits go ({@code null}: none wanted); read by the helper after a post. */
        private int[][] out;

        Steps(int batch, int threads) {
            this.batch = batch;
            int nl = net.nLayer;
            kT = new int[batch][nl][d][ctx];
            v = new int[batch][nl][nHead][ctx][dh];
            tokens = new int[batch];
            lanes = new Lane[threads];
            for (int i = 0; i < threads; i++) {
                lanes[i] = new Lane(i, threads);
            }
            helper = threads > 1 ? new Helper() : null;
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public int position() {
            return p;
        }

        /** Threads that share each step (1 or 2). */
        int threads() {
            return lanes.length;
        }

        /** Whether a helper thread is running now (for tests). */
        boolean helperRunning() {
            return helper != null && (helper.ctl.get() & 1) != 0;
        }

        @Override
        public int[][] feed(byte[][] bytes, int off, int n) {
            check(bytes, off, n);
            int[][] logits = new int[batch][ReferenceModel.VOCAB];
            for (int t = 0; t < n; t++) {
                step(bytes, off + t, t == n - 1 ? logits : null);
            }
            return logits;
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
        private void step(byte[][] bytes, int i, int[][] logits) {
            final int pt = p;
            for (int b = 0; b < batch; b++) {
                tokens[b] = bytes[b][i] & 0xff;
            }
            out = logits;
            if (helper != null) {
                helper.post();
            }
            part(lanes[0]);
            out = null;
            p = pt + 1;
        }

        /**
         * A lane's share of the step at position {@link #p} for the bytes in {@link #tokens}: its heads
         * of every attention block and its half of every FFN's hidden units, each giving a partial
         * sum of the block's output projection over the lane's inputs; the lanes meet to add the two
         * partial sums (integers: the same total in any order) and each carries on with its own full
         * copy of the residual stream. Two meetings per layer, one after the logits' columns.
         */
        private void part(Lane ln) {
            final int pt = p;
            final int[][] logits = out;
            final int[][] x = ln.x;
            final int[] tok = net.tok;
            final int[] pos = net.pos;
            for (int b = 0; b < batch; b++) {
                int c0 = tokens[b];
                int[] xb = x[b];
                for (int c = 0; c < d; c++) {
                    xb[c] = ReferenceModel.clip16((long) tok[c0 * d + c] + pos[pt * d + c]);
                }
            }
            final int nh = ln.h1 - ln.h0;
            final int w = nh * dh;
            // the lane sharing the step, whose partial sums of the output projections are added to ours
            final Lane mate = lanes.length == 1 ? null : lanes[1 - ln.index];
            for (int l = 0; l < net.nLayer; l++) {
                ReferenceModel.Layer ly = net.layers[l];
                norm(x, ly.ln1(), ln.h);
                ln.qkv[l].matmul(ln.h, batch, 0, d, ln.acc, ln.pacc, ln.bound);
                long[] m = ly.qkv().m();
                int s = ly.qkv().s();
                int[] lo = ly.qkvLo();
                int[] hi = ly.qkvHi();
                for (int b = 0; b < batch; b++) {
                    int[][] kl = kT[b][l];
                    int[][][] vl = v[b][l];
                    int[] ab = ln.acc[b];
                    int[] qb = ln.q[b];
                    for (int hh = ln.h0; hh < ln.h1; hh++) {
                        // the lane's columns: q of its heads, then k, then v
                        for (int e = 0; e < dh; e++) {
                            int jq = hh * dh + e;
                            int jk = d + jq;
                            int jv = 2 * d + jq;
                            int lq = (hh - ln.h0) * dh + e;
                            qb[jq] = requant(ab[lq], m[jq], s, lo[jq], hi[jq]);
                            kl[jq][pt] = requant(ab[w + lq], m[jk], s, lo[jk], hi[jk]);
                            vl[hh][pt][e] = requant(ab[2 * w + lq], m[jv], s, lo[jv], hi[jv]);
                        }
                        attend(ln, ly, qb, kl, vl, hh, pt, ln.a[b]);
                    }
                }
                proj[l].matmul(ln.a, batch, ln.h0 * dh, ln.h1 * dh, ln.proj, ln.pacc, ln.bound);
                meet(ln);
                residual(ln, ln.proj, mate == null ? null : mate.proj, ly.proj());
                norm(x, ly.ln2(), ln.h);
                ln.up[l].matmul(ln.h, batch, 0, d, ln.acc, ln.pacc, ln.bound);
                ReferenceModel.Linear up = ly.up();
                long[] um = up.m();
                int us = up.s();
                int upLo = ly.upLo();
                int[] gelu = ly.gelu();
                for (int b = 0; b < batch; b++) {
                    int[] ab = ln.acc[b];
                    int[] gb = ln.g[b];
                    for (int j = ln.f0; j < ln.f1; j++) {
                        int u = requant(ab[j], um[j], us, upLo, 127);
                        gb[j] = gelu == null ? u : gelu[u + 128] - 128;
                    }
                }
                if (batch == 1) {
                    down[l].matmulSparse(ln.g[0], ln.f0, ln.f1, ln.down[0], ln.pacc[0], ln.bound, ln.nz);
                } else {
                    down[l].matmul(ln.g, batch, ln.f0, ln.f1, ln.down, ln.pacc, ln.bound);
                }
                meet(ln);
                residual(ln, ln.down, mate == null ? null : mate.down, ly.down());
            }
            if (logits == null) {
                return;
            }
            norm(x, net.lnf, ln.h);
            ln.head.matmul(ln.h, batch, 0, d, ln.acc, ln.pacc, ln.bound);
            ReferenceModel.Linear head = net.head;
            for (int b = 0; b < batch; b++) {
                int[] ob = logits[b];
                int[] ab = ln.acc[b];
                for (int j = ln.v0; j < ln.v1; j++) {
                    ob[j] = (int) ReferenceModel.rshiftRound(ab[j] * head.m()[j], head.s());
                }
            }
            meet(ln);
        }

        /** Waits until the other lane has done its share up to here too (nothing with one lane). */
        private void meet(Lane ln) {
            if (helper != null) {
                helper.meet(ln);
            }
        }

        private static int requant(int acc, long m, int s, int lo, int hi) {
            return (int) Math.min(Math.max(ReferenceModel.rshiftRound(acc * m, s), lo), hi);
        }

        /** The reference's integer RMSNorm of every x[b] into h[b]. */
        private void norm(int[][] x, int[] gain, int[][] h) {
            for (int b = 0; b < batch; b++) {
                net.norm(x[b], gain, h[b], 0, 1);
            }
        }

        /** One head of one sequence at position {@code pt}: scores, table weights, weighted values. */
        private void attend(Lane ln, ReferenceModel.Layer ly, int[] qb, int[][] kl, int[][][] vl, int hh, int pt,
                            int[] ab) {
            int n = pt + 1;
            int[] scores = ln.scores;
            int[] wgt = ln.wgt;
            int[] at = ln.at;
            int[] o = ln.o;
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

        /**
         * The lane's x[b] += requant(partial + other) (clipped to 16 bits), where {@code other} is the other
         * lane's partial sum of the same projection ({@code null} with one lane): the output projection of
         * a block added to the residual stream.
         */
        private void residual(Lane ln, int[][] partial, int[][] other, ReferenceModel.Linear lin) {
            long[] m = lin.m();
            int s = lin.s();
            for (int b = 0; b < batch; b++) {
                int[] xb = ln.x[b];
                int[] pb = partial[b];
                int[] ob = other == null ? null : other[b];
                for (int j = 0; j < d; j++) {
                    int sum = ob == null ? pb[j] : pb[j] + ob[j];
                    xb[j] = ReferenceModel.clip16(xb[j] + ReferenceModel.rshiftRound(sum * m[j], s));
                }
            }
        }

        @Override
        public void reset() {
            p = 0;
        }

        /** Ends the helper thread, if any. Idempotent. */
        @Override
        public void close() {
            if (helper != null) {
                helper.stop();
            }
        }

        /** One thread's share of a step and its private buffers. */
        private final class Lane {
            final int index;
            /** Heads [h0, h1); hidden units [f0, f1) of the FFN; columns [v0, v1) of the logits. */
            final int h0;
            final int h1;
            final int f0;
            final int f1;
            final int v0;
            final int v1;
            /** The lane's columns of q, k, v, of the FFN's hidden units and of the logits, per layer. */
            final PackedRows[] qkv;
            final PackedRows[] up;
            final PackedRows head;
            /** The lane's copy of the residual stream [seq][d]. */
            final int[][] x;
            final int[][] h;
            final int[][] acc;
            final int[][] q;
            /** Attention outputs of the lane's heads and FFN activations of its hidden units [seq][col]. */
            final int[][] a;
            final int[][] g;
            /**
             * The lane's partial sums of the attention and FFN output projections [seq][d], read by the
             * other lane after a meeting; two arrays, so a lane never writes one the other may still read.
             */
            final int[][] proj;
            final int[][] down;
            /** Scratch of {@link PackedRows#matmul}. */
            final int[][] pacc;
            final int[] bound;
            /** Scratch of {@link PackedRows#matmulSparse}: the FFN activations that are not 0. */
            final int[] nz;
            final int[] scores;
            final int[] o;
            /** Attention weights that are not 0, and their positions. */
            final int[] wgt;
            final int[] at;
            /** Barriers this lane has reached (written by its own thread only). */
            long met;

            Lane(int index, int lanes) {
                this.index = index;
                h0 = nHead * index / lanes;
                h1 = nHead * (index + 1) / lanes;
                f0 = dff * index / lanes;
                f1 = dff * (index + 1) / lanes;
                v0 = ReferenceModel.VOCAB * index / lanes;
                v1 = ReferenceModel.VOCAB * (index + 1) / lanes;
                qkv = lanes == 1 ? qkvAll : qkvLane[index];
                up = lanes == 1 ? upAll : upLane[index];
                head = lanes == 1 ? headAll : headLane[index];
                x = new int[batch][d];
                h = new int[batch][d];
                acc = new int[batch][Math.max(Math.max(3 * d, dff), ReferenceModel.VOCAB)];
                q = new int[batch][d];
                a = new int[batch][d];
                g = new int[batch][dff];
                proj = new int[batch][d];
                down = new int[batch][d];
                pacc = new int[batch][(Math.max(Math.max(3 * d, dff), ReferenceModel.VOCAB) + 1) / 2];
                bound = new int[batch];
                nz = new int[dff];
                scores = new int[ctx];
                o = new int[dh];
                wgt = new int[ctx];
                at = new int[ctx];
            }
        }

        /**
         * Lane 1's thread: taken from {@link ModelThreads#pool()} when a step is posted and none is
         * running, it spins briefly between steps, then parks, and after {@link #HELPER_RETIRE_NANOS} ns
         * without a step gives its thread back (so an evaluation that is dropped unclosed keeps no
         * thread). {@code ctl} holds the number of steps posted (times 2) and, in bit 0, whether a
         * helper is running; a helper retires only by a compare-and-set on the value it last saw, so
         * no post is ever missed.
         */
        private final class Helper {
            private static final int SPINS = 1 << 14;
            /** Barrier counts of lanes 0 and 1, 128 bytes apart (no false sharing). */
            private final AtomicLongArray arrived = new AtomicLongArray(32);
            private final AtomicLong ctl = new AtomicLong();
            private volatile Thread thread;
            private volatile boolean parked;
            private volatile boolean stopped;
            private volatile Throwable failure;

            /** Hands the step just prepared to lane 1, starting a helper if none is running. */
            void post() {
                if (failure != null || stopped) {
                    throw new IllegalStateException("this evaluation's step thread "
                            + (stopped ? "was stopped (closed)" : "failed"), failure);
                }
                for (;;) {
                    long s = ctl.get();
                    if ((s & 1) != 0) {
                        if (ctl.compareAndSet(s, s + 2)) {
                            if (parked) {
                                LockSupport.unpark(thread);
                            }
                            return;
                        }
                    } else if (ctl.compareAndSet(s, (s + 2) | 1)) {
                        long first = s + 2;
                        try {
                            ModelThreads.pool().execute(() -> run(first));
                        } catch (RuntimeException e) {
                            failure = e;
                            throw new IllegalStateException("cannot start this evaluation's step thread", e);
                        }
                        return;
                    }
                }
            }

            /** Lane 1's loop, starting with the step posted as {@code first}. */
            private void run(long first) {
                thread = Thread.currentThread();
                long done = first - 2;
                long idleSince = System.nanoTime();
                int spins = 0;
                try {
                    while (!stopped) {
                        long s = ctl.get();
                        long posted = s & ~1L;
                        if (posted != done) {
                            part(lanes[1]);
                            done += 2;
                            spins = 0;
                            idleSince = System.nanoTime();
                        } else if (spins < SPINS) {
                            spins++;
                            Thread.onSpinWait();
                        } else if (System.nanoTime() - idleSince > HELPER_RETIRE_NANOS) {
                            if (ctl.compareAndSet(s, posted)) {
                                return;
                            }
                        } else {
                            parked = true;
                            if (ctl.get() == s) {
                                LockSupport.parkNanos(this, 1_000_000L);
                            }
                            parked = false;
                        }
                    }
                } catch (Throwable t) {
                    failure = t;
                    arrived.set(16, Long.MAX_VALUE);
                } finally {
                    thread = null;
                }
            }

            /** Barrier of the two lanes: the caller waits until the other lane has arrived as often. */
            void meet(Lane ln) {
                long mine = ++ln.met;
                arrived.set(ln.index * 16, mine);
                int other = (1 - ln.index) * 16;
                int spins = 0;
                while (arrived.get(other) < mine) {
                    if (ln.index == 1 && stopped) {
                        throw new IllegalStateException("stopped");
                    }
                    if (++spins < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield();
                    }
                }
                if (ln.index == 0 && failure != null) {
                    throw new IllegalStateException("this evaluation's step thread failed", failure);
                }
            }

            void stop() {
                stopped = true;
                Thread t = thread;
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }
        }
    }
}
