package io.kolmo.model.net;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.kolmo.codec.Availability;
import io.kolmo.codec.UnsupportedFormatException;
import io.kolmo.model.OnnxRuntimeProbe;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The integer network run by ONNX Runtime, on the CPU or with the CUDA execution provider.
 *
 * <p>The model holds one {@link OrtSession}, created from the ONNX bytes, which every caller shares
 * ({@code OrtSession.run} is thread-safe): {@link #forward} may be called from any number of threads,
 * and each {@link Incremental} (not thread-safe itself) owns the native tensors of its KV cache,
 * released when it is {@linkplain Incremental#reset() reset}, advanced (the previous cache is closed)
 * or {@linkplain Incremental#close() closed}. {@link #close()} releases the session; it must not be
 * called while other threads still use the model or its open incremental evaluations.
 *
 * <p>The graph is the incremental one of {@code INTEGER_NETWORK.md} (inputs {@code bytes},
 * {@code past_k}, {@code past_v}; outputs {@code logits}, {@code present_k}, {@code present_v}); with
 * an empty cache it is the full-window graph, which is what {@link #forward} runs. A graph without
 * {@code past_k} (the plain full-window graph) also works: incremental evaluation then re-runs the
 * whole prefix on every feed.
 *
 * <p>Under kolmo's default threads ({@link ModelOptions#threads()} 0) on a CPU with two or more cores,
 * a second session with one intra-op thread runs incremental steps, and batches of full windows are
 * split in two halves run at once on it (one on a daemon helper thread), at most 8 windows per run:
 * on the idle 2-core CPU two one-thread runs side by side evaluated 9.7-10.9 KB/s of windows at
 * batches 8-32, one two-thread run 7.5-11.2 KB/s, and batches of 16-32 windows per run were slower
 * per window than 8 (training/tools/GraphBench, ConcBench in docs/BENCHMARKS.md).
 */
public final class OrtModel implements ByteModel {
    private static final int VOCAB = 256;
    /** Windows per run when a batch is split: 8 ran faster per window than 16 or 32 (smaller tensors). */
    private static final int FORWARD_RUN = 8;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean onCuda;
    /** kolmo's default threads on a CPU: steps on their own one-thread session, full-window batches split. */
    private final boolean ownSteps;
    /** The graph for {@link #stepSession}, kept until that session is created on first use. */
    private byte[] stepOnnx;
    private OrtSession stepSession;
    private ExecutorService helper;
    private final ModelInfo info;
    private final String backend;
    private final boolean hasCache;
    /** Whether the graph takes {@code first} (logits of rows first .. n-1 only; graphs since session 8). */
    private final boolean hasFirst;
    private final int nLayer;
    private final int nHead;
    private final int headDim;
    private volatile boolean closed;

    private OrtModel(OrtEnvironment env, OrtSession session, ModelInfo info, String backend, boolean hasCache,
                     boolean hasFirst, int nLayer, int nHead, int headDim, boolean onCuda, byte[] stepOnnx) {
        this.env = env;
        this.session = session;
        this.onCuda = onCuda;
        this.ownSteps = stepOnnx != null;
        this.stepOnnx = stepOnnx;
        this.info = info;
        this.backend = backend;
        this.hasCache = hasCache;
        this.hasFirst = hasFirst;
        this.nLayer = nLayer;
        this.nHead = nHead;
        this.headDim = headDim;
    }

    /**
     * Creates a session for an ONNX model held in memory ({@code onnx} is not retained).
     *
     * @param options backend {@link ModelOptions.Backend#CPU}, {@link ModelOptions.Backend#CUDA} or
     *     {@link ModelOptions.Backend#AUTO} (CUDA when it initialises on {@code deviceId}, else CPU)
     * @param weights the model's weight file, or null; when given, its sha256 must equal the graph's
     *     {@code kolmo.model_id}, and it supplies sizes the graph's metadata lacks
     * @throws UnsupportedFormatException if ONNX Runtime (or CUDA, for backend CUDA) is not available
     * @throws IOException if the bytes are not a loadable kolmo ONNX model, or the ids disagree
     */
    public static OrtModel load(byte[] onnx, ModelOptions options, WeightsFile weights) throws IOException {
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(options, "options");
        if (options.backend() == ModelOptions.Backend.REFERENCE) {
            throw new IllegalArgumentException("backend REFERENCE is not ONNX Runtime");
        }
        OnnxRuntimeProbe.runtime().ensureAvailable("ONNX Runtime");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String threads = options.effectiveThreads() + " thread" + (options.effectiveThreads() > 1 ? "s" : "");
        OrtSession session = null;
        boolean onCuda = false;
        String backend;
        if (options.backend() != ModelOptions.Backend.CPU) {
            Availability cuda = options.deviceId() == 0 ? OnnxRuntimeProbe.cuda()
                    : OnnxRuntimeProbe.probeCuda(options.deviceId());
            if (options.backend() == ModelOptions.Backend.CUDA) {
                cuda.ensureAvailable("CUDA device " + options.deviceId());
            }
            if (cuda.isAvailable()) {
                try {
                    session = createSession(env, onnx, options, true);
                    onCuda = true;
                    backend = "onnxruntime CUDA device " + options.deviceId();
                } catch (OrtException e) {
                    if (options.backend() == ModelOptions.Backend.CUDA) {
                        throw new IOException("ONNX Runtime could not create a CUDA session on device "
                                + options.deviceId() + ": " + e.getMessage(), e);
                    }
                    backend = "onnxruntime CPU, " + threads + " (CUDA session failed: " + e.getMessage() + ")";
                }
            } else {
                backend = "onnxruntime CPU, " + threads + " (CUDA unavailable: " + cuda.reason() + ")";
            }
        } else {
            backend = "onnxruntime CPU, " + threads;
        }
        try {
            if (session == null) {
                session = createSession(env, onnx, options, false);
            }
        } catch (OrtException e) {
            throw new IOException("not a loadable ONNX model (" + onnx.length + " bytes): " + e.getMessage(), e);
        }
        // kolmo's default threads (0): incremental steps on their own one-thread session, created on first
        // use; one thread stepped 1.2-1.4x faster than two at batch 1-4 and the same at 16 (idle 2-core CPU)
        boolean ownSteps = options.threads() == 0 && options.effectiveThreads() > 1 && !onCuda;
        if (ownSteps) {
            backend += " (incremental steps: 1 thread)";
        }
        try {
            return create(env, session, backend, weights, onCuda, ownSteps ? onnx.clone() : null);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session, e);
            throw e;
        }
    }

    private static OrtSession createSession(OrtEnvironment env, byte[] onnx, ModelOptions options, boolean cuda)
            throws OrtException {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Two intra-op threads by default and no spinning (see ModelOptions): this network's
            // operators are small; more threads and spinning cost more than they gave when measured.
            so.setIntraOpNumThreads(options.effectiveThreads());
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            so.setInterOpNumThreads(1);
            if (cuda) {
                so.addCUDA(options.deviceId());
            }
            return env.createSession(onnx, so);
        }
    }

    private static void closeQuietly(OrtSession session, Throwable primary) {
        try {
            session.close();
        } catch (OrtException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    private static OrtModel create(OrtEnvironment env, OrtSession session, String backend, WeightsFile weights,
                                   boolean onCuda, byte[] stepOnnx) throws IOException {
        Map<String, String> md;
        Map<String, NodeInfo> inputs;
        Set<String> outputs;
        try {
            md = session.getMetadata().getCustomMetadata();
            inputs = session.getInputInfo();
            outputs = session.getOutputNames();
        } catch (OrtException e) {
            throw new IOException("cannot read the ONNX model's metadata: " + e.getMessage(), e);
        }
        if (!inputs.containsKey("bytes") || !outputs.contains("logits")) {
            throw new IOException("not a kolmo model graph: inputs " + inputs.keySet() + ", outputs " + outputs
                    + " (need input 'bytes' and output 'logits')");
        }
        boolean hasCache = inputs.containsKey("past_k") && inputs.containsKey("past_v")
                && outputs.contains("present_k") && outputs.contains("present_v");
        boolean hasFirst = inputs.containsKey("first");
        if (hasFirst && !(inputs.get("first").getInfo() instanceof TensorInfo ti
                && ti.type == OnnxJavaType.INT64 && ti.getShape().length == 0)) {
            throw new IOException("the ONNX model's input 'first' is not an int64 scalar: " + inputs.get("first").getInfo());
        }
        byte[] id = modelId(md, weights);
        int ctx = intMeta(md, "kolmo.context_length", weights, "ctx");
        double scale = logitScale(md);
        double bpb = doubleMeta(md, "kolmo.valid_bits_per_byte");
        int nLayer = 0;
        int nHead = 0;
        int headDim = 0;
        if (hasCache) {
            long[] shape = pastShape(inputs.get("past_k"));
            nLayer = dim(md, "kolmo.n_layer", weights, "n_layer", shape, 0);
            nHead = dim(md, "kolmo.n_head", weights, "n_head", shape, 2);
            int fromWeights = 0;
            if (weights != null && weights.has("d") && weights.has("n_head")) {
                fromWeights = (int) (weights.scalar("d") / Math.max(1, weights.scalar("n_head")));
            }
            String hd = md.get("kolmo.head_dim");
            headDim = hd != null ? parseInt(hd, "kolmo.head_dim")
                    : shape != null && shape[4] > 0 ? (int) shape[4] : fromWeights;
            if (nLayer < 1 || nHead < 1 || headDim < 1 || (long) nLayer * nHead * headDim > 1 << 20) {
                throw new IOException("the ONNX model's cache shape is unknown or implausible: n_layer " + nLayer
                        + ", n_head " + nHead + ", head_dim " + headDim);
            }
        }
        ModelInfo info;
        try {
            info = new ModelInfo(id, ctx, scale, bpb);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad kolmo metadata in the ONNX model: " + e.getMessage(), e);
        }
        return new OrtModel(env, session, info, backend, hasCache, hasFirst, nLayer, nHead, headDim,
                onCuda, hasCache ? stepOnnx : null);
    }

    /** The graph's {@code kolmo.model_id}, checked against sha256 of the weights when both exist. */
    static byte[] modelId(Map<String, String> md, WeightsFile weights) throws IOException {
        String hex = md.get("kolmo.model_id");
        byte[] id = null;
        if (hex != null) {
            try {
                id = HexFormat.of().parseHex(hex.trim());
            } catch (IllegalArgumentException e) {
                id = null;
            }
            if (id == null || id.length != 32) {
                throw new IOException("the ONNX model's kolmo.model_id is not a sha256 in hex: '" + hex + "'");
            }
        }
        if (weights != null) {
            if (id != null && !Arrays.equals(id, weights.id())) {
                throw new IOException("the ONNX model and the weights are different models: the graph says model "
                        + HexFormat.of().formatHex(id) + " (kolmo.model_id) but sha256 of the weights is "
                        + weights.idHex());
            }
            return weights.id();
        }
        if (id == null) {
            throw new IOException("the ONNX model has no kolmo.model_id and no weight file was given");
        }
        return id;
    }

    static double logitScale(Map<String, String> md) throws IOException {
        String s = md.get("kolmo.logit_scale");
        if (s != null) {
            double v = parseDouble(s, "kolmo.logit_scale");
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IOException("bad kolmo.logit_scale " + s);
            }
            return v;
        }
        s = md.get("kolmo.logit_scale_log2");
        if (s != null) {
            int e = parseInt(s, "kolmo.logit_scale_log2");
            if (e < -30 || e > 0) {
                throw new IOException("bad kolmo.logit_scale_log2 " + s);
            }
            return Math.scalb(1.0, e);
        }
        return 1.0 / 256; // the integer network's fixed logit unit
    }

    static double doubleMeta(Map<String, String> md, String key) {
        String s = md.get(key);
        if (s == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static int intMeta(Map<String, String> md, String key, WeightsFile weights, String weightName)
            throws IOException {
        String s = md.get(key);
        if (s != null) {
            return parseInt(s, key);
        }
        if (weights != null && weights.has(weightName)) {
            long v = weights.scalar(weightName);
            if (v > 0 && v <= Integer.MAX_VALUE) {
                return (int) v;
            }
        }
        throw new IOException("the ONNX model has no " + key + " and no weight file gives '" + weightName + "'");
    }

    private static int dim(Map<String, String> md, String key, WeightsFile weights, String weightName, long[] shape,
                           int axis) throws IOException {
        if (md.containsKey(key) || shape == null || shape[axis] <= 0) {
            return intMeta(md, key, weights, weightName);
        }
        return (int) shape[axis];
    }

    private static long[] pastShape(NodeInfo node) {
        if (node.getInfo() instanceof TensorInfo ti) {
            long[] shape = ti.getShape();
            return shape.length == 5 ? shape : null;
        }
        return null;
    }

    private static int parseInt(String s, String key) throws IOException {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IOException("bad " + key + " in the ONNX model: '" + s + "'", e);
        }
    }

    private static double parseDouble(String s, String key) throws IOException {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IOException("bad " + key + " in the ONNX model: '" + s + "'", e);
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public String backend() {
        return backend;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model is closed");
        }
    }

    @Override
    public int[][] forward(byte[][] windows, int length) throws IOException {
        return forward(windows, length, 0);
    }

    @Override
    public int[][] forward(byte[][] windows, int length, int first) throws IOException {
        Objects.requireNonNull(windows, "windows");
        ensureOpen();
        int ctx = info.contextLength();
        if (length < 1 || length > ctx) {
            throw new IllegalArgumentException("length " + length + " is outside 1.." + ctx);
        }
        Feeds.checkFirst(first, length);
        if (windows.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        int batch = windows.length;
        int[] in = new int[batch * length];
        for (int b = 0; b < batch; b++) {
            byte[] w = windows[b];
            if (w == null || w.length < length) {
                throw new IllegalArgumentException("a window is shorter than " + length + " bytes");
            }
            for (int t = 0; t < length; t++) {
                in[b * length + t] = w[t] & 0xff;
            }
        }
        int[][] out = new int[batch][];
        int rows = length - first;
        if (!ownSteps || batch < 2) {
            int[] flat = run(session, in, batch, length, first);
            for (int b = 0; b < batch; b++) {
                out[b] = Arrays.copyOfRange(flat, b * rows * VOCAB, (b + 1) * rows * VOCAB);
            }
            return out;
        }
        // kolmo's default threads: two halves at once on the one-thread session, in runs of at most
        // FORWARD_RUN windows (see the class comment)
        OrtSession one = stepSession();
        int half = (batch + 1) / 2;
        Future<?> firstHalf = helper().submit(() -> {
            runWindows(one, in, 0, half, length, first, out);
            return null;
        });
        try {
            runWindows(one, in, half, batch, length, first, out);
        } catch (IOException | RuntimeException e) {
            firstHalf.cancel(false);
            throw e;
        }
        try {
            firstHalf.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while ONNX Runtime ran a batch");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("ONNX Runtime batch failed: " + e.getCause(), e.getCause());
        }
        return out;
    }

    /**
     * Full windows {@code [from, to)} of {@code in} (rows of {@code length}) into {@code out}, a few at a
     * time, logits from row {@code first} on.
     */
    private void runWindows(OrtSession s, int[] in, int from, int to, int length, int first, int[][] out)
            throws IOException {
        int rows = length - first;
        for (int b = from; b < to; b += FORWARD_RUN) {
            int n = Math.min(FORWARD_RUN, to - b);
            int[] flat = run(s, Arrays.copyOfRange(in, b * length, (b + n) * length), n, length, first);
            for (int i = 0; i < n; i++) {
                out[b + i] = Arrays.copyOfRange(flat, i * rows * VOCAB, (i + 1) * rows * VOCAB);
            }
        }
    }

    /** The daemon thread that runs the first half of a split batch. */
    private synchronized ExecutorService helper() {
        ensureOpen();
        if (helper == null) {
            helper = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "kolmo-onnxruntime");
                t.setDaemon(true);
                return t;
            });
        }
        return helper;
    }

    /**
     * Runs the graph from an empty cache without keeping it: the logits of rows {@code first .. n-1} of
     * every sequence ({@code [batch][n - first][256]}, flat).
     */
    private int[] run(OrtSession s, int[] in, int batch, int n, int first) throws IOException {
        try (OnnxTensor bytes = OnnxTensor.createTensor(env, IntBuffer.wrap(in), new long[] {batch, n});
             OnnxTensor ek = hasCache ? emptyCache(batch) : null;
             OnnxTensor ev = hasCache ? emptyCache(batch) : null;
             OnnxTensor ft = hasFirst ? OnnxTensor.createTensor(env, (long) first) : null) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("bytes", bytes);
            if (hasCache) {
                inputs.put("past_k", ek);
                inputs.put("past_v", ev);
            }
            if (hasFirst) {
                inputs.put("first", ft);
            }
            try (OrtSession.Result r = s.run(inputs, Set.of("logits"))) {
                return hasFirst ? logits(r, batch, n - first) : rowsFrom(logits(r, batch, n), batch, n, first);
            }
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime failed (" + backend + "): " + e.getMessage(), e);
        }
    }

    /** Rows {@code first .. n-1} of every sequence of a flat {@code [batch][n][256]}. */
    static int[] rowsFrom(int[] flat, int batch, int n, int first) {
        if (first == 0) {
            return flat;
        }
        int rows = n - first;
        int[] out = new int[batch * rows * VOCAB];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(flat, (b * n + first) * VOCAB, out, b * rows * VOCAB, rows * VOCAB);
        }
        return out;
    }

    /**
     * The first {@code n} positions of a batch of sequences: each one's logits at the last position and
     * the int8 cache {@code [L][batch][H][n][dh]}.
     */
    record Prefill(int[][] logits, byte[] k, byte[] v, int batch, int n, int nLayer, int nHead, int headDim) {
    }

    /**
     * Evaluates {@code bytes[b][off, off + n)} from position 0 for every sequence in one batched pass and
     * returns the KV cache with the logits at position {@code n - 1}, so that another implementation of
     * the same network can go on from there ({@link JavaStepsModel}).
     *
     * @throws IOException if the graph has no cache outputs or ONNX Runtime fails
     */
    Prefill prefill(byte[][] bytes, int off, int n) throws IOException {
        ensureOpen();
        if (!hasCache) {
            throw new IOException("the ONNX model has no KV cache outputs");
        }
        int batch = bytes.length;
        // one step of a fresh cached evaluation on the full-window session, whose cache is then read out
        try (CachedIncremental inc = new CachedIncremental(batch, session)) {
            int[][] last = inc.feed(bytes, off, n);
            return new Prefill(last, cacheBytes(inc.cache, "present_k", batch, n),
                    cacheBytes(inc.cache, "present_v", batch, n), batch, n, nLayer, nHead, headDim);
        }
    }

    private byte[] cacheBytes(OrtSession.Result r, String name, int batch, int n) throws IOException {
        OnnxValue v = r.get(name).orElseThrow(() -> new IOException("the model returned no " + name));
        long[] shape = {nLayer, batch, nHead, n, headDim};
        if (!(v instanceof OnnxTensor t) || t.getInfo().type != OnnxJavaType.INT8
                || !Arrays.equals(t.getInfo().getShape(), shape)) {
            throw new IOException("the model's " + name + " is not int8 " + Arrays.toString(shape) + ": " + v.getInfo());
        }
        ByteBuffer bb = t.getByteBuffer();
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        return out;
    }

    private OnnxTensor emptyCache(int batch) throws OrtException {
        return OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0),
                new long[] {nLayer, batch, nHead, 0, headDim}, OnnxJavaType.INT8);
    }

    /** The {@code [batch][n][256]} int32 logits of a run, flat. */
    private static int[] logits(OrtSession.Result r, int batch, int n) throws IOException {
        OnnxValue v = r.get("logits").orElseThrow(() -> new IOException("the model returned no logits"));
        if (!(v instanceof OnnxTensor t) || t.getInfo().type != OnnxJavaType.INT32
                || !Arrays.equals(t.getInfo().getShape(), new long[] {batch, n, VOCAB})) {
            throw new IOException("the model's logits are not int32 [" + batch + ", " + n + ", 256]: " + v.getInfo());
        }
        IntBuffer ib = t.getIntBuffer();
        int[] out = new int[ib.remaining()];
        ib.get(out);
        return out;
    }

    /** Whether the session runs on the CPU (not with the CUDA execution provider). */
    boolean onCpu() {
        return !onCuda;
    }

    @Override
    public Incremental incremental(int batch) throws IOException {
        if (batch < 1) {
            throw new IllegalArgumentException("batch " + batch);
        }
        ensureOpen();
        return hasCache ? new CachedIncremental(batch, stepSession()) : new ReplayIncremental(batch);
    }

    /** The session incremental steps run on: its own one-thread session under kolmo's default threads. */
    private synchronized OrtSession stepSession() throws IOException {
        if (!ownSteps) {
            return session;
        }
        if (stepSession != null) {
            return stepSession;
        }
        try {
            stepSession = createSession(env, stepOnnx, new ModelOptions(ModelOptions.Backend.CPU, 0, 1), false);
            stepOnnx = null;
            return stepSession;
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime could not create the incremental session: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stepOnnx = null;
            if (helper != null) {
                helper.shutdown();
            }
            for (OrtSession s : stepSession == null ? List.of(session) : List.of(session, stepSession)) {
                try {
                    s.close();
                } catch (OrtException e) {
                    // nothing useful to do: the session's memory is released by the runtime anyway
                }
            }
        }
    }

    private void checkFeed(byte[][] bytes, int batch, int position, int off, int n) {
        Objects.requireNonNull(bytes, "bytes");
        ensureOpen();
        Feeds.check(bytes, batch, position, info.contextLength(), off, n);
    }

    private static int[][] lastRows(int[] flat, int batch, int n) {
        int[][] out = new int[batch][];
        for (int b = 0; b < batch; b++) {
            int from = (b * n + n - 1) * VOCAB;
            out[b] = Arrays.copyOfRange(flat, from, from + VOCAB);
        }
        return out;
    }

    /** KV cache kept as the previous run's present_k / present_v (the run's result stays open until replaced). */
    private final class CachedIncremental implements Incremental {
        private final int batch;
        private final OrtSession steps;
        private int position;
        private OrtSession.Result cache;

        CachedIncremental(int batch, OrtSession steps) {
            this.batch = batch;
            this.steps = steps;
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public int position() {
            return position;
        }

        @Override
        public int[][] feed(byte[][] bytes, int off, int n) throws IOException {
            checkFeed(bytes, batch, position, off, n);
            int[] in = new int[batch * n];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < n; t++) {
                    in[b * n + t] = bytes[b][off + t] & 0xff;
                }
            }
            OrtSession.Result next = null;
            // only the last row's logits are returned: a graph that takes `first` computes no others
            int rows = hasFirst ? 1 : n;
            try (OnnxTensor bt = OnnxTensor.createTensor(env, IntBuffer.wrap(in), new long[] {batch, n});
                 OnnxTensor ek = cache == null ? emptyCache(batch) : null;
                 OnnxTensor ev = cache == null ? emptyCache(batch) : null;
                 OnnxTensor ft = hasFirst ? OnnxTensor.createTensor(env, (long) (n - 1)) : null) {
                Map<String, OnnxTensor> inputs = new HashMap<>();
                inputs.put("bytes", bt);
                inputs.put("past_k", cache == null ? ek : present(cache, "present_k"));
                inputs.put("past_v", cache == null ? ev : present(cache, "present_v"));
                if (hasFirst) {
                    inputs.put("first", ft);
                }
                next = steps.run(inputs);
                int[] flat = logits(next, batch, rows);
                OrtSession.Result old = cache;
                cache = next;
                next = null;
                position += n;
                if (old != null) {
                    old.close();
                }
                return lastRows(flat, batch, rows);
            } catch (OrtException e) {
                throw new IOException("ONNX Runtime failed (" + backend + "): " + e.getMessage(), e);
            } finally {
                if (next != null) {
                    next.close();
                }
            }
        }

        private OnnxTensor present(OrtSession.Result r, String name) throws IOException {
            OnnxValue v = r.get(name).orElseThrow(() -> new IOException("the model returned no " + name));
            if (!(v instanceof OnnxTensor t)) {
                throw new IOException("the model's " + name + " is not a tensor");
            }
            return t;
        }

        @Override
        public void reset() {
            if (cache != null) {
                cache.close();
                cache = null;
            }
            position = 0;
        }

        @Override
        public void close() {
            reset();
        }
    }

    /** For a graph without a cache: re-runs the whole prefix on every feed. */
    private final class ReplayIncremental implements Incremental {
        private final int batch;
        private final int[] history;
        private int position;

        ReplayIncremental(int batch) {
            this.batch = batch;
            this.history = new int[batch * info.contextLength()];
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public int position() {
            return position;
        }

        @Override
        public int[][] feed(byte[][] bytes, int off, int n) throws IOException {
            checkFeed(bytes, batch, position, off, n);
            int ctx = info.contextLength();
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < n; t++) {
                    history[b * ctx + position + t] = bytes[b][off + t] & 0xff;
                }
            }
            int len = position + n;
            int[] in = new int[batch * len];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(history, b * ctx, in, b * len, len);
            }
            int[] flat = run(session, in, batch, len, len - 1);
            position = len;
            return lastRows(flat, batch, 1);
        }

        @Override
        public void reset() {
            position = 0;
        }

        @Override
        public void close() {
        }
    }
}
