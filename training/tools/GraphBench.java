import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Side-by-side timing of step graphs (same run, alternating, medians).
 *
 * <pre>
 * java [-Dthreads=1 -Dspin=0|1 -Drounds=7 -Dprofile=prefix -Dfirst=0] -cp onnxruntime-1.20.0.jar \
 *     training/tools/GraphBench.java a.onnx [b.onnx ...]
 * </pre>
 * Measures per graph: incremental step at batch 1 and 16 (cache of 256 positions, one new byte),
 * and a full window (512 bytes, P = 0) at batch 8, reported as predicted bytes/s with stride 256.
 */
public final class GraphBench {
    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("threads", 1);
        String spin = System.getProperty("spin");
        int rounds = Integer.getInteger("rounds", 7);
        String modes = System.getProperty("modes", "s1,s16,f8");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OrtSession> ss = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            OrtSession.SessionOptions so = new OrtSession.SessionOptions();
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (spin != null) {
                so.addConfigEntry("session.intra_op.allow_spinning", spin);
            }
            if (System.getProperty("profile") != null) {
                so.enableProfiling(System.getProperty("profile") + i);
            }
            ss.add(env.createSession(args[i], so));
        }
        Random rnd = new Random(1);
        String[] ms = modes.split(",");
        double[][][] t = new double[args.length][ms.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int mi = 0; mi < ms.length; mi++) {
                for (int g = 0; g < args.length; g++) {
                    t[g][mi][r] = measure(env, ss.get(g), ms[mi], rnd);
                }
            }
        }
        for (int mi = 0; mi < ms.length; mi++) {
            for (int g = 0; g < args.length; g++) {
                double[] v = t[g][mi].clone();
                Arrays.sort(v);
                double med = v[v.length / 2];
                String extra = ms[mi].startsWith("m")
                        ? String.format("  %.0f rows/s", Integer.parseInt(ms[mi].substring(1, ms[mi].indexOf('x')))
                                * Integer.parseInt(ms[mi].substring(ms[mi].indexOf('x') + 1)) / med)
                        : ms[mi].startsWith("f")
                        ? String.format("  %.1f KB/s predicted (stride 256)", Integer.parseInt(ms[mi].substring(1)) * 256 / med / 1000)
                        : String.format("  %.0f bytes/s over batch", Integer.parseInt(ms[mi].substring(1)) / med);
                System.out.printf("threads=%d spin=%s %-4s %-50s median %.3f ms (min %.3f max %.3f)%s%n", threads, spin,
                        ms[mi], args[g], med * 1e3, v[0] * 1e3, v[v.length - 1] * 1e3, extra);
            }
        }
        for (OrtSession s : ss) {
            if (System.getProperty("profile") != null) {
                System.out.println("profile: " + s.endProfiling());
            }
            s.close();
        }
    }

    /** seconds per run (median of an inner loop sized to ~0.3 s). */
    static double measure(OrtEnvironment env, OrtSession s, String mode, Random rnd) throws Exception {
        boolean full = mode.charAt(0) == 'f';
        boolean multi = mode.charAt(0) == 'm'; // mBxK: batch B, K new rows after a cache of -Dpast positions
        int b = Integer.parseInt(multi ? mode.substring(1, mode.indexOf('x')) : mode.substring(1));
        int n = full ? 512 : multi ? Integer.parseInt(mode.substring(mode.indexOf('x') + 1)) : 1;
        int p = full ? 0 : multi ? Integer.getInteger("past", 384) : 256;
        int[] bytes = new int[b * n];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = rnd.nextInt(256);
        }
        byte[] kv = new byte[4 * b * 2 * p * 64];
        for (int i = 0; i < kv.length; i++) {
            kv[i] = (byte) (rnd.nextInt(128) - 64);
        }
        long[] shape = {4, b, 2, p, 64};
        try (OnnxTensor bt = OnnxTensor.createTensor(env, IntBuffer.wrap(bytes), new long[] {b, n});
             OnnxTensor pk = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(kv.length).put(kv).flip(), shape, OnnxJavaType.INT8);
             OnnxTensor pv = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(kv.length).put(kv).flip(), shape, OnnxJavaType.INT8)) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("bytes", bt);
            in.put("past_k", pk);
            in.put("past_v", pv);
            if (s.getInputNames().contains("first")) { // -Dfirst=K: full windows return logits of K .. 511 only
                in.put("first", OnnxTensor.createTensor(env, full ? Long.getLong("first", 0L) : 0L));
            }
            List<Double> ts = new ArrayList<>();
            long start = System.nanoTime();
            do {
                long t0 = System.nanoTime();
                try (OrtSession.Result r = s.run(in)) {
                    ((OnnxTensor) r.get("logits").get()).getIntBuffer();
                }
                ts.add((System.nanoTime() - t0) / 1e9);
            } while (System.nanoTime() - start < 300_000_000L || ts.size() < 3);
            ts.sort(null);
            return ts.get(ts.size() / 2);
        }
    }
}
