package io.kolmo.model.net;

import io.kolmo.codec.CorruptedInputException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The pure-Java implementation of the kolmo integer network ({@code training/INTEGER_NETWORK.md},
 * numpy form {@code training/intnet.py}): exact integer arithmetic, so its logits equal ONNX
 * Runtime's bit for bit. It is the fallback when ONNX Runtime cannot be loaded, and it runs on the
 * calling thread (about a million multiply-adds per predicted byte for the default model): full
 * windows row by row, much slower than ONNX Runtime; incremental steps on {@link StepNet}, the same
 * integers in a layout HotSpot vectorises, which decoding also uses beside ONNX Runtime.
 *
 * <p>The model is immutable after construction and thread-safe: any number of threads may call
 * {@link #forward} and open {@link #incremental} evaluations concurrently. Each {@link Incremental}
 * owns its KV cache (plain Java arrays) and is not thread-safe. {@link #close()} does nothing (no
 * native resources).
 *
 * <p>The network's weights are validated on load (shapes, value ranges, shifts, and that the
 * attention table gives masked future positions weight 0, so logits are causal); a file that fails
 * raises {@link CorruptedInputException}.
 */
public final class ReferenceModel implements ByteModel {
    static final int VOCAB = 256;
    private static final int LOGIT_BITS = 8;
    private static final long MASK = 1L << 25;
    private static final int NORM_BITS = 40;
    static final int ATT_BITS = 30;
    private static final int ISQRT_BITS = 20;

    private final ModelInfo info;
    private final String backend;
    final int d;
    final int nHead;
    final int dh;
    final int dff;
    final int nLayer;
    final int ctx;
    final int[] tok;
    final int[] pos;
    final Layer[] layers;
    final int[] lnf;
    final Linear head;
    private final StepNet steps;

    /** W [in, out] (row-major, as in the file), per-output multiplier, shift. */
    record Linear(int in, int out, int[] w, long[] m, int s) {
    }

    record Layer(int[] ln1, Linear qkv, int[] qkvLo, int[] qkvHi, int[] attExp, int attSh, long attM,
                 int attS, Linear proj, int[] ln2, Linear up, int upLo, int[] gelu, Linear down) {
    }

    /**
     * Builds the network from a parsed weight file.
     *
     * @param validBitsPerByte recorded in {@link #info()} (NaN when unknown)
     * @throws CorruptedInputException if an entry is missing, mis-shaped or out of range
     */
    public ReferenceModel(WeightsFile w, double validBitsPerByte) throws CorruptedInputException {
        this(w, validBitsPerByte, null);
    }

    /** As above; {@code why} (may be null) is appended to {@link #backend()}, e.g. why ONNX Runtime is not used. */
    ReferenceModel(WeightsFile w, double validBitsPerByte, String why) throws CorruptedInputException {
        Objects.requireNonNull(w, "weights");
        backend = why == null ? "java reference" : "java reference (" + why + ")";
        d = (int) size(w, "d", 1, 1 << 14);
        nHead = (int) size(w, "n_head", 1, d);
        nLayer = (int) size(w, "n_layer", 1, 256);
        dff = (int) size(w, "d_ff", 1, 1 << 16);
        ctx = (int) size(w, "ctx", 2, 1 << 14);
        long relu = size(w, "relu", 0, 1);
        if (d % nHead != 0) {
            throw new CorruptedInputException("model width " + d + " is not a multiple of " + nHead + " heads", -1);
        }
        dh = d / nHead;
        tok = w.ints("tok", Integer.MIN_VALUE, Integer.MAX_VALUE, VOCAB, d);
        pos = w.ints("pos", Integer.MIN_VALUE, Integer.MAX_VALUE, ctx, d);
        layers = new Layer[nLayer];
        for (int l = 0; l < nLayer; l++) {
            String p = "l" + l + ".";
            int[] ln1 = gain(w, p + "ln1");
            Linear qkv = linear(w, p + "qkv", d, 3 * d);
            int[] lo = w.ints(p + "qkv.lo", -128, 127, 3 * d);
            int[] hi = w.ints(p + "qkv.hi", -128, 127, 3 * d);
            int maxQ = 0;
            int maxK = 0;
            for (int j = 0; j < 3 * d; j++) {
                if (lo[j] > hi[j]) {
                    throw new CorruptedInputException("weight '" + p + "qkv.lo' > 'qkv.hi' at " + j, -1);
                }
                int a = Math.max(Math.abs(lo[j]), Math.abs(hi[j]));
                if (j < d) {
                    maxQ = Math.max(maxQ, a);
                } else if (j < 2 * d) {
                    maxK = Math.max(maxK, a);
                }
            }
            int[] dims = w.dims(p + "att.exp");
            if (dims.length != 1 || dims[0] < 1 || w.dtype(p + "att.exp") != WeightsFile.UINT8) {
                throw new CorruptedInputException("weight '" + p + "att.exp' must be a non-empty uint8 vector", -1);
            }
            int[] exp = w.ints(p + "att.exp", 0, 255, dims[0]);
            int tableMax = exp.length - 1;
            if (exp[0] == 0 || exp[tableMax] != 0) {
                throw new CorruptedInputException("attention table '" + p + "att.exp' must start above 0 and end"
                        + " with 0", -1);
            }
            int sh = (int) size(w, p + "att.sh", 0, 30);
            // future positions are masked with -2^25: their table index must reach the final 0 entry
            long maxScore = (long) dh * maxQ * maxK;
            if (((MASK - 2 * maxScore) >> sh) < tableMax) {
                throw new CorruptedInputException("attention table '" + p + "att.exp' is too long for the causal"
                        + " mask", -1);
            }
            long attM = w.ints(p + "att.m", 0, Integer.MAX_VALUE, 1)[0];
            int attS = (int) size(w, p + "att.s", 0, 32);
            Linear proj = linear(w, p + "proj", d, d);
            int[] ln2 = gain(w, p + "ln2");
            Linear up = linear(w, p + "up", d, dff);
            int upLo = (int) size(w, p + "up.lo", -128, 127);
            int[] gelu = null;
            if (relu == 0) {
                gelu = w.ints(p + "gelu", 0, 255, VOCAB);
            }
            Linear down = linear(w, p + "down", dff, d);
            layers[l] = new Layer(ln1, qkv, lo, hi, exp, sh, attM, attS, proj, ln2, up, upLo, gelu, down);
        }
        lnf = gain(w, "lnf");
        head = linear(w, "head", d, VOCAB);
        info = new ModelInfo(w.id(), ctx, Math.scalb(1.0, -LOGIT_BITS), validBitsPerByte);
        steps = new StepNet(this);
    }

    /** Parses {@code weights} (a KOLMOW01 file) and builds the network; validation bits per byte unknown. */
    public static ReferenceModel of(byte[] weights) throws CorruptedInputException {
        return new ReferenceModel(WeightsFile.parse(weights), Double.NaN);
    }

    private static long size(WeightsFile w, String name, long min, long max) throws CorruptedInputException {
        long v = w.scalar(name);
        if (v < min || v > max) {
            throw new CorruptedInputException("weight '" + name + "' = " + v + " is outside [" + min + ", " + max
                    + "]", -1);
        }
        return v;
    }

    private int[] gain(WeightsFile w, String name) throws CorruptedInputException {
        return w.ints(name, -(1L << 20) + 1, (1L << 20) - 1, d);
    }

    private Linear linear(WeightsFile w, String name, int in, int out) throws CorruptedInputException {
        int[] wt = w.ints(name + ".w", -128, 127, in, out);
        int[] m = w.ints(name + ".m", Integer.MIN_VALUE, Integer.MAX_VALUE, out);
        int s = (int) size(w, name + ".s", 1, 40);
        long[] ml = new long[out];
        for (int j = 0; j < out; j++) {
            ml[j] = m[j];
        }
        return new Linear(in, out, wt, ml, s);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public int[][] forward(byte[][] windows, int length) throws IOException {
        Objects.requireNonNull(windows, "windows");
        if (length < 1 || length > ctx) {
            throw new IllegalArgumentException("length " + length + " is outside 1.." + ctx);
        }
        if (windows.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        for (byte[] win : windows) {
            if (win == null || win.length < length) {
                throw new IllegalArgumentException("a window is shorter than " + length + " bytes");
            }
        }
        int[][] out = new int[windows.length][];
        for (int b = 0; b < windows.length; b++) {
            out[b] = new int[length * VOCAB];
            new Seq(length).run(windows[b], 0, length, out[b], true);
        }
        return out;
    }

    /**
     * Incremental evaluation on {@link StepNet}, this network's integers laid out for fast one-byte
     * steps (about 2-3x faster than {@link #rowIncremental}, the same logits bit for bit).
     */
    @Override
    public Incremental incremental(int batch) {
        return steps.steps(batch);
    }

    /** {@link #incremental(int)} with each step shared by two threads when {@code threads >= 2}. */
    @Override
    public Incremental incremental(int batch, int threads) {
        Feeds.checkThreads(threads);
        return steps.steps(batch, Math.min(threads, StepNet.MAX_THREADS));
    }

    /** The network as written here: row-by-row incremental evaluation, the oracle {@link StepNet} is tested against. */
    Incremental rowIncremental(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch " + batch);
        }
        return new RefIncremental(batch);
    }

    /** The fast step layout of this network. */
    StepNet stepNet() {
        return steps;
    }

    @Override
    public void close() {
    }

    private final class RefIncremental implements Incremental {
        private final Seq[] seqs;

        RefIncremental(int batch) {
            seqs = new Seq[batch];
            for (int b = 0; b < batch; b++) {
                seqs[b] = new Seq(ctx);
            }
        }

        @Override
        public int batch() {
            return seqs.length;
        }

        @Override
        public int position() {
            return seqs[0].p;
        }

        @Override
        public int[][] feed(byte[][] bytes, int off, int n) {
            Feeds.check(bytes, seqs.length, position(), ctx, off, n);
            int[][] out = new int[seqs.length][VOCAB];
            for (int b = 0; b < seqs.length; b++) {
                seqs[b].run(bytes[b], off, n, out[b], false);
            }
            return out;
        }

        @Override
        public void reset() {
            for (Seq s : seqs) {
                s.p = 0;
            }
        }

        @Override
        public void close() {
        }
    }

    /** One sequence: its KV cache and position. K is stored transposed ([head][e][pos]), V as [head][pos][e]. */
    private final class Seq {
        final int cap;
        final int[][] kT = new int[nLayer][];
        final int[][] v = new int[nLayer][];
        final int[] scores;
        int p;

        Seq(int cap) {
            this.cap = cap;
            for (int l = 0; l < nLayer; l++) {
                kT[l] = new int[nHead * dh * cap];
                v[l] = new int[nHead * cap * dh];
            }
            scores = new int[cap];
        }

        /**
         * Runs positions p .. p+n-1 on {@code in[off, off+n)}; writes every position's logits
         * ({@code all}) or the last one's into {@code out}.
         */
        void run(byte[] in, int off, int n, int[] out, boolean all) {
            final int p0 = p;
            int[] x = new int[n * d];
            for (int t = 0; t < n; t++) {
                int b = in[off + t] & 0xff;
                for (int c = 0; c < d; c++) {
                    x[t * d + c] = clip16((long) tok[b * d + c] + pos[(p0 + t) * d + c]);
                }
            }
            int[] h = new int[n * d];
            int[] acc = new int[n * Math.max(Math.max(3 * d, dff), VOCAB)];
            int[] q = new int[n * d];
            int[] a = new int[n * d];
            int[] g = new int[n * dff];
            int[] o = new int[dh];
            for (int l = 0; l < nLayer; l++) {
                Layer ly = layers[l];
                // in the last layer only the positions whose logits are wanted need the rest of the block
                int t0 = (!all && l == nLayer - 1) ? n - 1 : 0;
                norm(x, ly.ln1, h, 0, n);
                matmul(h, 0, n, ly.qkv, acc);
                int[] kTl = kT[l];
                int[] vl = v[l];
                for (int t = 0; t < n; t++) {
                    int pt = p0 + t;
                    int base = t * 3 * d;
                    for (int j = 0; j < 3 * d; j++) {
                        int y = (int) Math.min(Math.max(rshiftRound(acc[base + j] * ly.qkv.m[j], ly.qkv.s),
                                ly.qkvLo[j]), ly.qkvHi[j]);
                        if (j < d) {
                            q[t * d + j] = y;
                        } else if (j < 2 * d) {
                            int hh = (j - d) / dh;
                            int e = (j - d) % dh;
                            kTl[(hh * dh + e) * cap + pt] = y;
                        } else {
                            int hh = (j - 2 * d) / dh;
                            int e = (j - 2 * d) % dh;
                            vl[(hh * cap + pt) * dh + e] = y;
                        }
                    }
                }
                int[] table = ly.attExp;
                int tableMax = table.length - 1;
                for (int t = t0; t < n; t++) {
                    int pt = p0 + t;
                    for (int hh = 0; hh < nHead; hh++) {
                        // scores s[u] = q[t] . k[u] for u <= pt (future positions get weight att.exp[D] = 0)
                        Arrays.fill(scores, 0, pt + 1, 0);
                        for (int e = 0; e < dh; e++) {
                            int qe = q[t * d + hh * dh + e];
                            if (qe == 0) {
                                continue;
                            }
                            int kb = (hh * dh + e) * cap;
                            for (int u = 0; u <= pt; u++) {
                                scores[u] += qe * kTl[kb + u];
                            }
                        }
                        int mx = Integer.MIN_VALUE;
                        for (int u = 0; u <= pt; u++) {
                            mx = Math.max(mx, scores[u]);
                        }
                        Arrays.fill(o, 0);
                        long tot = 0;
                        for (int u = 0; u <= pt; u++) {
                            int wgt = table[Math.min((mx - scores[u]) >> ly.attSh, tableMax)];
                            if (wgt == 0) {
                                continue;
                            }
                            tot += wgt;
                            int vb = (hh * cap + u) * dh;
                            for (int e = 0; e < dh; e++) {
                                o[e] += wgt * vl[vb + e];
                            }
                        }
                        long inv = (1L << ATT_BITS) / tot;
                        for (int e = 0; e < dh; e++) {
                            a[t * d + hh * dh + e] = clip8(rshiftRound(o[e] * inv * ly.attM, ATT_BITS + ly.attS));
                        }
                    }
                }
                residual(x, a, t0, n, ly.proj, acc);
                norm(x, ly.ln2, h, t0, n);
                matmul(h, t0, n, ly.up, acc);
                for (int t = t0; t < n; t++) {
                    for (int j = 0; j < dff; j++) {
                        int u = (int) Math.min(Math.max(rshiftRound(acc[t * dff + j] * ly.up.m[j], ly.up.s), ly.upLo),
                                127);
                        g[t * dff + j] = ly.gelu == null ? u : ly.gelu[u + 128] - 128;
                    }
                }
                residual(x, g, t0, n, ly.down, acc);
            }
            int first = all ? 0 : n - 1;
            norm(x, lnf, h, first, n);
            matmul(h, first, n, head, acc);
            for (int t = first; t < n; t++) {
                int ob = all ? t * VOCAB : 0;
                for (int j = 0; j < VOCAB; j++) {
                    out[ob + j] = (int) rshiftRound(acc[t * VOCAB + j] * head.m[j], head.s);
                }
            }
            p = p0 + n;
        }
    }

    /** x[t] = clip16(x[t] + requant(in[t] . lin)) for t in [t0, n). */
    private void residual(int[] x, int[] in, int t0, int n, Linear lin, int[] acc) {
        matmul(in, t0, n, lin, acc);
        int out = lin.out();
        for (int t = t0; t < n; t++) {
            for (int j = 0; j < out; j++) {
                x[t * out + j] = clip16(x[t * out + j] + rshiftRound(acc[t * out + j] * lin.m[j], lin.s));
            }
        }
    }

    /** acc[t][j] = sum_c a[t][c] * w[c][j] for rows t in [t0, n) (exact: |acc| < 2^31 for every valid model). */
    private static void matmul(int[] a, int t0, int n, Linear lin, int[] acc) {
        int in = lin.in();
        int out = lin.out();
        int[] w = lin.w();
        for (int t = t0; t < n; t++) {
            int ab = t * in;
            int cb = t * out;
            Arrays.fill(acc, cb, cb + out, 0);
            for (int c = 0; c < in; c++) {
                int av = a[ab + c];
                if (av == 0) {
                    continue;
                }
                int wb = c * out;
                for (int j = 0; j < out; j++) {
                    acc[cb + j] += av * w[wb + j];
                }
            }
        }
    }

    /** Integer RMSNorm of rows [t0, n) of x into h (values in [-128, 127]). */
    void norm(int[] x, int[] gain, int[] h, int t0, int n) {
        for (int t = t0; t < n; t++) {
            int xb = t * d;
            long ss = 0;
            for (int c = 0; c < d; c++) {
                long xv = x[xb + c];
                ss += xv * xv;
            }
            long r = Math.max(isqrt(ss * 256 / d), 1);
            long inv = (1L << NORM_BITS) / r;
            for (int c = 0; c < d; c++) {
                h[xb + c] = clip8(rshiftRound((long) x[xb + c] * gain[c] * inv, NORM_BITS));
            }
        }
    }

    /** floor(sqrt(n)) for 0 <= n < 2^40 by the spec's 20-step bitwise search. */
    static long isqrt(long n) {
        long r = 0;
        for (int b = ISQRT_BITS - 1; b >= 0; b--) {
            long c = r + (1L << b);
            if (c * c <= n) {
                r = c;
            }
        }
        return r;
    }

    /** floor((x + 2^(s-1)) / 2^s), s >= 1. */
    static long rshiftRound(long x, int s) {
        return (x + (1L << (s - 1))) >> s;
    }

    static int clip8(long v) {
        return (int) Math.min(Math.max(v, -128), 127);
    }

    static int clip16(long v) {
        return (int) Math.min(Math.max(v, -32768), 32767);
    }
}
