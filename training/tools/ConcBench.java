import ai.onnxruntime.*;
import java.nio.*;
import java.util.*;
import java.util.concurrent.*;

/**
 * Full-window evaluation three ways, side by side in one run (medians of 9): one run of a batch on a
 * one-thread session, one run on a two-thread session, and the batch split in two halves run at once
 * on the one-thread session (what OrtModel does under kolmo's default threads).
 *
 * <pre>
 * java [-Dfirst=K] -cp onnxruntime-1.20.0.jar training/tools/ConcBench.java default.onnx BATCH
 * </pre>
 */
public class ConcBench {
    static OrtEnvironment env = OrtEnvironment.getEnvironment();
    /** -Dfirst=K for graphs with a `first` input (-1: the graph has none). */
    static final int FIRST = Integer.getInteger("first", -1);
    static Map<String, OnnxTensor> inputs(int b) throws Exception {
        Random rnd = new Random(b);
        int[] bytes = new int[b * 512];
        for (int i = 0; i < bytes.length; i++) bytes[i] = rnd.nextInt(256);
        long[] shape = {4, b, 2, 0, 64};
        Map<String, OnnxTensor> in = new HashMap<>();
        in.put("bytes", OnnxTensor.createTensor(env, IntBuffer.wrap(bytes), new long[] {b, 512}));
        in.put("past_k", OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0), shape, OnnxJavaType.INT8));
        in.put("past_v", OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0), shape, OnnxJavaType.INT8));
        if (FIRST >= 0) { // graphs since session 8 take `first`: logits of positions first .. 511 only
            in.put("first", OnnxTensor.createTensor(env, (long) FIRST));
        }
        return in;
    }
    static OrtSession sess(String f, int threads) throws Exception {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(threads);
        so.setInterOpNumThreads(1);
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return env.createSession(f, so);
    }
    static void run(OrtSession s, Map<String, OnnxTensor> in) throws Exception {
        try (OrtSession.Result r = s.run(in)) { ((OnnxTensor) r.get("logits").get()).getIntBuffer(); }
    }
    public static void main(String[] a) throws Exception {
        String f = a[0];
        int B = Integer.parseInt(a[1]);
        OrtSession s1 = sess(f, 1), s2 = sess(f, 2);
        Map<String, OnnxTensor> full = inputs(B), half = inputs(B / 2);
        ExecutorService ex = Executors.newFixedThreadPool(2);
        double[][] t = new double[3][9];
        for (int r = 0; r < 9; r++) {
            long t0 = System.nanoTime(); run(s1, full); t[0][r] = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime(); run(s2, full); t[1][r] = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            Future<?> x = ex.submit(() -> { run(s1, half); return null; });
            Future<?> y = ex.submit(() -> { run(s1, half); return null; });
            x.get(); y.get();
            t[2][r] = (System.nanoTime() - t0) / 1e6;
        }
        String[] names = {"1 thread, batch " + B, "intra-op 2, batch " + B, "2 concurrent x batch " + B / 2 + " (intra 1)"};
        for (int i = 0; i < 3; i++) {
            double[] v = t[i].clone(); Arrays.sort(v);
            System.out.printf("%-40s median %.1f ms  %.1f KB/s (stride 256)%n", names[i], v[4], B * 256 / v[4]);
        }
        ex.shutdown();
    }
}
