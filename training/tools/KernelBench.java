import java.util.Arrays;
import java.util.Random;

/**
 * What HotSpot makes of the inner loops a Java step of the network could use (no kolmo classes):
 *
 * <ul>
 *   <li>{@code rows}: the packed weight-row loop of {@code PackedRows.matmul}
 *       ({@code acc[k] += a0 * w0[k] + ... + a3 * w3[k]} over ints) for row lengths of 64 to 1024 ints,
 *       in ns per packed multiply-add (two products each): short rows run the vector loop's pre- and
 *       post-loops more;
 *   <li>{@code keys}: attention scores of eight heads of 64 dimensions over {@code N} positions with keys
 *       stored as {@code int} (as StepNet does), as {@code short} (half the bytes, but C2 leaves the mixed
 *       {@code int * short} loop scalar), and as interleaved {@code short} pairs summed with the
 *       {@code a[2i] * b[2i] + a[2i+1] * b[2i+1]} idiom C2 turns into {@code vpmaddwd} (it needs the
 *       query pair repeated along a second array).
 * </ul>
 *
 * <pre>
 * java training/tools/KernelBench.java rows
 * java training/tools/KernelBench.java keys 320
 * </pre>
 */
public class KernelBench {
    static final int DH = 64;
    /** Four layers of two heads. */
    static final int HEADS = 8;

    public static void main(String[] a) {
        if (a.length > 0 && a[0].equals("keys")) {
            keys(a.length > 1 ? Integer.parseInt(a[1]) : 320);
        } else {
            rows();
        }
    }

    static int[][] w;
    static int[] acc;

    static void rowPass(int half, int rows) {
        for (int c = 0; c + 4 <= rows; c += 4) {
            int[] w0 = w[c], w1 = w[c + 1], w2 = w[c + 2], w3 = w[c + 3];
            int a0 = c + 1, a1 = c + 2, a2 = c - 3, a3 = c & 7;
            for (int k = 0; k < half; k++) {
                acc[k] += a0 * w0[k] + a1 * w1[k] + a2 * w2[k] + a3 * w3[k];
            }
        }
    }

    static void rows() {
        int rows = 128;
        int[] halves = {64, 96, 128, 192, 256, 1024};
        w = new int[rows][1024];
        acc = new int[1024];
        Random r = new Random(1);
        for (int[] x : w) {
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextInt(200);
            }
        }
        for (int round = 0; round < 3; round++) {
            StringBuilder sb = new StringBuilder("ns per packed multiply-add, by row length:");
            for (int half : halves) {
                int reps = 20_000_000 / half;
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    rowPass(half, rows);
                }
                double ns = (System.nanoTime() - t0) / ((double) reps * rows * half);
                sb.append(String.format("  %d: %.3f", half, ns));
            }
            System.out.println(sb);
        }
    }

    static int n;
    static int[][][] kInt = new int[HEADS][DH][512];
    static short[][][] kShort = new short[HEADS][DH][512];
    static short[][][] kPairs = new short[HEADS][DH / 2][1024];
    static int[] q = new int[DH];
    static short[][] qPairs = new short[DH / 2][1024];
    static int[] scores = new int[512];

    static long scoresInt() {
        long cs = 0;
        for (int[][] kl : kInt) {
            Arrays.fill(scores, 0, n, 0);
            for (int e = 0; e < DH; e += 4) {
                int q0 = q[e], q1 = q[e + 1], q2 = q[e + 2], q3 = q[e + 3];
                int[] k0 = kl[e], k1 = kl[e + 1], k2 = kl[e + 2], k3 = kl[e + 3];
                for (int u = 0; u < n; u++) {
                    scores[u] += q0 * k0[u] + q1 * k1[u] + q2 * k2[u] + q3 * k3[u];
                }
            }
            cs += scores[n - 1];
        }
        return cs;
    }

    static long scoresShort() {
        long cs = 0;
        for (short[][] kl : kShort) {
            Arrays.fill(scores, 0, n, 0);
            for (int e = 0; e < DH; e += 4) {
                int q0 = q[e], q1 = q[e + 1], q2 = q[e + 2], q3 = q[e + 3];
                short[] k0 = kl[e], k1 = kl[e + 1], k2 = kl[e + 2], k3 = kl[e + 3];
                for (int u = 0; u < n; u++) {
                    scores[u] += q0 * k0[u] + q1 * k1[u] + q2 * k2[u] + q3 * k3[u];
                }
            }
            cs += scores[n - 1];
        }
        return cs;
    }

    static long scoresPairs() {
        long cs = 0;
        for (short[][] kl : kPairs) {
            Arrays.fill(scores, 0, n, 0);
            for (int e = 0; e < DH / 2; e++) {
                short[] qa = qPairs[e];
                short[] kb = kl[e];
                for (int u = 0; u < n; u++) {
                    scores[u] += qa[2 * u] * kb[2 * u] + qa[2 * u + 1] * kb[2 * u + 1];
                }
            }
            cs += scores[n - 1];
        }
        return cs;
    }

    static void keys(int positions) {
        n = positions;
        Random r = new Random(1);
        for (int h = 0; h < HEADS; h++) {
            for (int e = 0; e < DH; e++) {
                for (int u = 0; u < 512; u++) {
                    int v = r.nextInt(255) - 127;
                    kInt[h][e][u] = v;
                    kShort[h][e][u] = (short) v;
                    kPairs[h][e / 2][2 * u + (e & 1)] = (short) v;
                }
            }
        }
        for (int e = 0; e < DH; e++) {
            q[e] = r.nextInt(255) - 127;
        }
        for (int e = 0; e < DH; e += 2) {
            for (int u = 0; u < 512; u++) {
                qPairs[e / 2][2 * u] = (short) q[e];
                qPairs[e / 2][2 * u + 1] = (short) q[e + 1];
            }
        }
        if (scoresInt() != scoresShort() || scoresInt() != scoresPairs()) {
            throw new AssertionError("the three layouts disagree");
        }
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            long s = 0;
            for (int i = 0; i < 20_000; i++) {
                s += scoresInt();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                s += scoresShort();
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                s += scoresPairs();
            }
            long t3 = System.nanoTime();
            System.out.printf("scores of %d heads x %d positions: int %.2f us, short %.2f us, short pairs %.2f us (%d)%n",
                    HEADS, n, (t1 - t0) / 2e7, (t2 - t1) / 2e7, (t3 - t2) / 2e7, s & 1);
        }
    }
}
