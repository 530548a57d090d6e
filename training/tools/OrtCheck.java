import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the exported integer graphs through ONNX Runtime (Java API) and checks them against the golden
 * vectors of the Python reference; optionally scores files with sliding windows and reports bits/byte
 * and throughput.
 *
 * <pre>
 * java [-Dmaxbytes=N -Dstride=256 -Dbatch=4 -Dthreads=2 -Dconcurrent=1] -cp onnxruntime-1.20.0.jar \
 *     training/tools/OrtCheck.java full.onnx step.onnx golden.bin [file ...]
 * </pre>
 */
public final class OrtCheck {
    static final int CTX = 512;
    static final int STRIDE = Integer.getInteger("stride", 256);
    static final int BATCH = Integer.getInteger("batch", 4);
    static final int THREADS = Integer.getInteger("threads", 2);
    static final int MAX_BYTES = Integer.getInteger("maxbytes", Integer.MAX_VALUE);
    static final int CONCURRENT = Integer.getInteger("concurrent", 1);

    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(THREADS);
        so.setInterOpNumThreads(1);
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (System.getProperty("profile") != null) {
            so.enableProfiling(System.getProperty("profile"));
        }
        try (OrtSession full = env.createSession(args[0], so); OrtSession step = env.createSession(args[1], so)) {
            System.out.println("metadata: " + full.getMetadata().getCustomMetadata());
            int bad = checkGolden(env, full, step, Path.of(args[2]));
            System.out.println(bad == 0 ? "GOLDEN OK" : "GOLDEN MISMATCH " + bad);
            for (int i = 3; i < args.length; i++) {
                score(env, full, Path.of(args[i]));
            }
            if (bad != 0) {
                System.exit(1);
            }
        }
    }

    static int[] run(OrtEnvironment env, OrtSession s, int[] bytes, int batch, int n, Map<String, OnnxTensor> past,
                     OnnxTensor[] present) throws Exception {
        return run(env, s, bytes, batch, n, past, present, 0);
    }

    /** With {@code first > 0} (graphs with a {@code first} input only): logits of positions first .. n-1. */
    static int[] run(OrtEnvironment env, OrtSession s, int[] bytes, int batch, int n, Map<String, OnnxTensor> past,
                     OnnxTensor[] present, int first) throws Exception {
        Map<String, OnnxTensor> in = new HashMap<>();
        boolean hasFirst = s.getInputNames().contains("first");
        if (first > 0 && !hasFirst) {
            throw new IllegalArgumentException("the graph has no first input");
        }
        try (OnnxTensor t = OnnxTensor.createTensor(env, IntBuffer.wrap(bytes), new long[] {batch, n});
             OnnxTensor f = hasFirst ? OnnxTensor.createTensor(env, (long) first) : null) {
            in.put("bytes", t);
            if (f != null) {
                in.put("first", f);
            }
            java.util.List<OnnxTensor> empty = new java.util.ArrayList<>();
            if (past != null) {
                in.putAll(past);
            } else if (s.getInputNames().contains("past_k")) {
                // the step graph with an empty cache (P = 0) serves as the full graph too
                long[] shape = emptyShape(s);
                shape[1] = batch;
                for (String nm : new String[] {"past_k", "past_v"}) {
                    OnnxTensor e = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0), shape, OnnxJavaType.INT8);
                    empty.add(e);
                    in.put(nm, e);
                }
            }
            try (OrtSession.Result r = s.run(in)) {
                IntBuffer ib = ((OnnxTensor) r.get("logits").get()).getIntBuffer();
                int[] out = new int[ib.remaining()];
                ib.get(out);
                if (present != null) {
                    for (int k = 0; k < 2; k++) {
                        OnnxTensor p = (OnnxTensor) r.get(k == 0 ? "present_k" : "present_v").get();
                        ByteBuffer bb = p.getByteBuffer();
                        present[k] = OnnxTensor.createTensor(env, bb, p.getInfo().getShape(), OnnxJavaType.INT8);
                    }
                }
                return out;
            } finally {
                for (OnnxTensor e : empty) {
                    e.close();
                }
            }
        }
    }

    static int checkGolden(OrtEnvironment env, OrtSession full, OrtSession step, Path golden) throws Exception {
        ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(golden)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        bb.get(magic);
        if (!new String(magic, "US-ASCII").equals("KOLMOGV1")) {
            throw new IOException("bad golden magic");
        }
        int count = bb.getInt();
        int bad = 0;
        for (int s = 0; s < count; s++) {
            int len = bb.getInt();
            int prefix = bb.getInt();
            int[] bytes = new int[len];
            for (int i = 0; i < len; i++) {
                bytes[i] = bb.get() & 0xff;
            }
            int[] want = new int[len * 256];
            for (int i = 0; i < want.length; i++) {
                want[i] = bb.getInt();
            }
            int[] got = run(env, full, bytes, 1, len, null, null);
            int diffFull = 0;
            for (int i = 0; i < want.length; i++) {
                diffFull += got[i] != want[i] ? 1 : 0;
            }
            // incremental: full graph over the prefix (or an empty cache), then one byte at a time
            int diffStep = 0;
            OnnxTensor[] cache = new OnnxTensor[2];
            int start = prefix;
            if (prefix > 0) {
                int[] pre = java.util.Arrays.copyOf(bytes, prefix);
                int[] lp = run(env, full, pre, 1, prefix, null, cache);
                for (int i = 0; i < lp.length; i++) {
                    diffStep += lp[i] != want[i] ? 1 : 0;
                }
            } else {
                long[] shape = full.getMetadata().getCustomMetadata().containsKey("kolmo.n_layer")
                        ? emptyShape(full) : null;
                for (int k = 0; k < 2; k++) {
                    cache[k] = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0), shape, OnnxJavaType.INT8);
                }
            }
            for (int pos = start; pos < len; pos++) {
                Map<String, OnnxTensor> past = Map.of("past_k", cache[0], "past_v", cache[1]);
                OnnxTensor[] next = new OnnxTensor[2];
                int[] l = run(env, step, new int[] {bytes[pos]}, 1, 1, past, next);
                cache[0].close();
                cache[1].close();
                cache = next;
                for (int v = 0; v < 256; v++) {
                    diffStep += l[v] != want[pos * 256 + v] ? 1 : 0;
                }
            }
            cache[0].close();
            cache[1].close();
            System.out.printf("golden seq %d len %d prefix %d: full mismatches %d, step mismatches %d%n",
                    s, len, prefix, diffFull, diffStep);
            bad += diffFull + diffStep;
        }
        return bad;
    }

    static long[] emptyShape(OrtSession full) throws Exception {
        Map<String, String> md = full.getMetadata().getCustomMetadata();
        return new long[] {Long.parseLong(md.get("kolmo.n_layer")), 1, Long.parseLong(md.get("kolmo.n_head")), 0,
                Long.parseLong(md.get("kolmo.head_dim"))};
    }

    /** Sliding windows of CTX bytes, stride STRIDE, BATCH windows per run; bits from softmax(logits * 2^-8). */
    static void score(OrtEnvironment env, OrtSession full, Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        byte[] data = java.util.Arrays.copyOf(all, Math.min(all.length, MAX_BYTES));
        int n = data.length - 1; // positions 1..n are predicted
        java.util.List<int[]> wins = new java.util.ArrayList<>(); // {start, first}
        wins.add(new int[] {0, 0});
        int s = 0;
        while (s + CTX < n) {
            int ns = Math.min(s + STRIDE, n - CTX);
            wins.add(new int[] {ns, wins.get(wins.size() - 1)[0] + CTX - ns});
            s = ns;
        }
        java.util.List<int[]> runs = new java.util.ArrayList<>(); // {first window, windows, length}
        for (int w = 0; w < wins.size(); ) {
            int nb = Math.min(BATCH, wins.size() - w);
            int len = Math.min(CTX, n - wins.get(w)[0]);
            for (int j = 1; j < nb; j++) {
                len = Math.min(len, n - wins.get(w + j)[0]);
            }
            if (len < CTX && nb > 1) { // short tail (files below one window): one window per run
                nb = 1;
                len = Math.min(CTX, n - wins.get(w)[0]);
            }
            runs.add(new int[] {w, nb, len});
            w += nb;
        }
        long t0 = System.nanoTime();
        // -Dconcurrent=K: K runs at once on the same session (kolmo's way with one intra-op thread each)
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(CONCURRENT);
        java.util.List<java.util.concurrent.Future<Double>> parts = new java.util.ArrayList<>();
        for (int[] r : runs) {
            parts.add(pool.submit(() -> scoreRun(env, full, data, wins, r[0], r[1], r[2])));
        }
        double bits = 0;
        for (java.util.concurrent.Future<Double> f : parts) {
            bits += f.get(); // in run order: the same sum whatever the concurrency
        }
        pool.shutdown();
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %d bytes, %.4f bits/byte, %.2f s, %.1f KB/s (ctx %d stride %d batch %d threads %d"
                        + " concurrent %d)%n", file.getFileName(), data.length, bits / n, sec, data.length / sec / 1000,
                CTX, STRIDE, BATCH, THREADS, CONCURRENT);
    }

    /** exp(-k / 256) for k < 65536, so scoring costs little beside the network (the same doubles). */
    static final double[] EXP = new double[1 << 16];

    static {
        for (int k = 0; k < EXP.length; k++) {
            EXP[k] = Math.exp(-k / 256.0);
        }
    }

    static double exp(int k) {
        return k < EXP.length ? EXP[k] : Math.exp(-k / 256.0);
    }

    /** Bits of the predictions of windows {@code w .. w + nb - 1}, evaluated as one batch of {@code len}. */
    static double scoreRun(OrtEnvironment env, OrtSession full, byte[] data, java.util.List<int[]> wins, int w, int nb,
                           int len) throws Exception {
        int[] in = new int[nb * len];
        for (int j = 0; j < nb; j++) {
            for (int i = 0; i < len; i++) {
                in[j * len + i] = data[wins.get(w + j)[0] + i] & 0xff;
            }
        }
        // logits from the first scored position of the batch on (as kolmo asks for them), where the graph can
        int first = full.getInputNames().contains("first") ? Integer.MAX_VALUE : 0;
        for (int j = 0; j < nb; j++) {
            first = Math.min(first, wins.get(w + j)[1]);
        }
        int[] lg = run(env, full, in, nb, len, null, null, first);
        double bits = 0;
        for (int j = 0; j < nb; j++) {
            int st = wins.get(w + j)[0];
            for (int i = wins.get(w + j)[1]; i < len; i++) {
                int base = (j * (len - first) + i - first) * 256;
                int mx = Integer.MIN_VALUE;
                for (int v = 0; v < 256; v++) {
                    mx = Math.max(mx, lg[base + v]);
                }
                double z = 0;
                for (int v = 0; v < 256; v++) {
                    z += exp(mx - lg[base + v]);
                }
                int target = data[st + i + 1] & 0xff;
                bits += (Math.log(z) - (lg[base + target] - mx) / 256.0) / Math.log(2);
            }
        }
        return bits;
    }
}
