import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Checks that two step graphs give identical outputs (logits, present_k, present_v) on random bytes and
 * random caches over many shapes (batch, cached positions P, new positions N), e.g. a rewritten graph
 * against the previous one. Caches are random int8 values in [-64, 63] (the range of real caches).
 *
 * <pre>
 * java -cp onnxruntime-1.20.0.jar training/tools/GraphDiff.java reference.onnx candidate.onnx
 * </pre>
 */
public final class GraphDiff {
    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(1);
        try (OrtSession a = env.createSession(args[0], so); OrtSession b = env.createSession(args[1], so)) {
            Random rnd = new Random(7);
            int[][] shapes = {{1, 0, 1}, {1, 0, 2}, {1, 0, 3}, {2, 0, 7}, {3, 0, 64}, {1, 0, 511}, {2, 0, 512},
                {1, 1, 1}, {4, 5, 1}, {3, 17, 2}, {2, 100, 3}, {1, 256, 256}, {2, 255, 5}, {5, 511, 1}, {1, 300, 212},
                {16, 256, 1}, {8, 128, 33}};
            int bad = 0;
            for (int[] s : shapes) {
                for (int rep = 0; rep < 2; rep++) {
                    int bt = s[0], p = s[1], n = s[2];
                    int[] bytes = new int[bt * n];
                    for (int i = 0; i < bytes.length; i++) {
                        // mix of random and repetitive bytes (peaked attention)
                        bytes[i] = rep == 0 ? rnd.nextInt(256) : "abcabcab".charAt(i % 8);
                    }
                    byte[] kv = new byte[4 * bt * 2 * p * 64];
                    byte[] vv = new byte[kv.length];
                    for (int i = 0; i < kv.length; i++) {
                        kv[i] = (byte) (rnd.nextInt(128) - 64);
                        vv[i] = (byte) (rnd.nextInt(128) - 64);
                    }
                    Object[] ra = run(env, a, bytes, bt, n, kv, vv, p);
                    Object[] rb = run(env, b, bytes, bt, n, kv, vv, p);
                    boolean same = Arrays.equals((int[]) ra[0], (int[]) rb[0]) && Arrays.equals((byte[]) ra[1], (byte[]) rb[1])
                            && Arrays.equals((byte[]) ra[2], (byte[]) rb[2]);
                    System.out.printf("B=%d P=%d N=%d rep=%d: %s%n", bt, p, n, rep, same ? "same" : "DIFFERENT");
                    bad += same ? 0 : 1;
                }
            }
            System.out.println(bad == 0 ? "ALL SAME" : "DIFFERENCES " + bad);
            System.exit(bad == 0 ? 0 : 1);
        }
    }

    static Object[] run(OrtEnvironment env, OrtSession s, int[] bytes, int bt, int n, byte[] kv, byte[] vv, int p)
            throws Exception {
        long[] shape = {4, bt, 2, p, 64};
        try (OnnxTensor t = OnnxTensor.createTensor(env, IntBuffer.wrap(bytes), new long[] {bt, n});
             OnnxTensor pk = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(kv.length).put(kv).flip(), shape, OnnxJavaType.INT8);
             OnnxTensor pv = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(vv.length).put(vv).flip(), shape, OnnxJavaType.INT8)) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("bytes", t);
            in.put("past_k", pk);
            in.put("past_v", pv);
            try (OrtSession.Result r = s.run(in)) {
                IntBuffer ib = ((OnnxTensor) r.get("logits").get()).getIntBuffer();
                int[] lg = new int[ib.remaining()];
                ib.get(lg);
                ByteBuffer k = ((OnnxTensor) r.get("present_k").get()).getByteBuffer();
                ByteBuffer v = ((OnnxTensor) r.get("present_v").get()).getByteBuffer();
                byte[] kb = new byte[k.remaining()];
                byte[] vb = new byte[v.remaining()];
                k.get(kb);
                v.get(vb);
                return new Object[] {lg, kb, vb};
            }
        }
    }
}
