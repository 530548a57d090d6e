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
 * against the previous one. When the second graph takes a {@code first} input, it also runs with
 * first = N/2 and N-1, and its logits must be the first graph's rows first .. N-1. Caches are random int8 values in [-64, 63] (the range of real caches).
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
                    Object[] ra = run(env, a, bytes, bt, n, kv, vv, p, 0);
                    for (int first : new int[] {0, n / 2, n - 1}) {
                        if (first > 0 && !b.getInputNames().contains("first")) {
                            break;
                        }
                        Object[] rb = run(env, b, bytes, bt, n, kv, vv, p, first);
                        // with `first`, b's logits are a's rows first .. n-1 of every sequence
                        int[] want = rows((int[]) ra[0], bt, n, first);
                        boolean same = Arrays.equals(want, (int[]) rb[0]) && Arrays.equals((byte[]) ra[1], (byte[]) rb[1])
                                && Arrays.equals((byte[]) ra[2], (byte[]) rb[2]);
                        System.out.printf("B=%d P=%d N=%d rep=%d first=%d: %s%n", bt, p, n, rep, first,
                                same ? "same" : "DIFFERENT");
                        bad += same ? 0 : 1;
                    }
                }
            }
            System.out.println(bad == 0 ? "ALL SAME" : "DIFFERENCES " + bad);
            System.exit(bad == 0 ? 0 : 1);
        }
    }

    static int[] rows(int[] lg, int bt, int n, int first) {
        int[] out = new int[bt * (n - first) * 256];
        for (int b = 0; b < bt; b++) {
            System.arraycopy(lg, (b * n + first) * 256, out, b * (n - first) * 256, (n - first) * 256);
        }
        return out;
    }

    static Object[] run(OrtEnvironment env, OrtSession s, int[] bytes, int bt, int n, byte[] kv, byte[] vv, int p,
                        int first) throws Exception {
        long[] shape = {4, bt, 2, p, 64};
        try (OnnxTensor t = OnnxTensor.createTensor(env, IntBuffer.wrap(bytes), new long[] {bt, n});
             OnnxTensor pk = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(kv.length).put(kv).flip(), shape, OnnxJavaType.INT8);
             OnnxTensor pv = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(vv.length).put(vv).flip(), shape, OnnxJavaType.INT8)) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("bytes", t);
            in.put("past_k", pk);
            in.put("past_v", pv);
            if (s.getInputNames().contains("first")) { // graphs since session 8: logits of first .. n-1 only
                in.put("first", OnnxTensor.createTensor(env, (long) first));
            }
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
