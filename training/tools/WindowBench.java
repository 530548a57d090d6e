import io.kolmo.model.net.*;
import java.nio.file.*;
import java.util.*;
/**
 * What a one-frame hybrid decoder pays per byte for the network, split in two: at each window start
 * the {@code 512 - STRIDE} bytes of context fed at once (kolmo's default model: ONNX Runtime's batched
 * prefill, whose caches the Java network takes over), then one step per decoded byte (the Java
 * network, each step shared by two threads). Bytes from bible.txt; medians of ROUNDS rounds of
 * WINDOWS windows per stride, the strides alternating.
 *
 * <pre>
 * ./mvnw -q package -DskipTests
 * java -cp "codec-model/target/classes:examples/target/lib/*" training/tools/WindowBench.java ROUNDS WINDOWS STRIDE...
 * </pre>
 */
public class WindowBench {
    public static void main(String[] a) throws Exception {
        byte[] text = Files.readAllBytes(Path.of("../shared/data/canterbury/large/bible.txt"));
        ByteModel m = Models.shared();
        System.out.println(m.backend());
        int rounds = Integer.parseInt(a[0]);
        int windows = Integer.parseInt(a[1]);
        int ctx = m.info().contextLength();
        int ns = a.length - 2;
        double[][] pre = new double[ns][rounds], step = new double[ns][rounds], perByte = new double[ns][rounds];
        byte[][] bytes = {text};
        for (int round = 0; round < rounds; round++) {
            for (int si = 0; si < ns; si++) {
                int stride = Integer.parseInt(a[2 + si]);
                int prefix = ctx - stride;
                long tPre = 0, tStep = 0;
                try (ByteModel.Incremental inc = m.incremental(1, 2)) {
                    for (int k = 0; k < windows; k++) {
                        int start = 1000 + k * stride;
                        inc.reset();
                        long t0 = System.nanoTime();
                        inc.feed(bytes, start, prefix);
                        long t1 = System.nanoTime();
                        for (int j = start + prefix; j < start + ctx; j++) inc.feed(bytes, j, 1);
                        tPre += t1 - t0;
                        tStep += System.nanoTime() - t1;
                    }
                }
                pre[si][round] = tPre / 1e6 / windows;
                step[si][round] = tStep / 1e3 / windows / stride;
                perByte[si][round] = (tPre + tStep) / 1e3 / windows / stride;
            }
        }
        for (int si = 0; si < ns; si++) {
            System.out.printf("stride %d: prefill of %d bytes %.2f ms, step %.1f us, per decoded byte %.1f us (medians; rounds %s us)%n",
                    Integer.parseInt(a[2 + si]), ctx - Integer.parseInt(a[2 + si]), median(pre[si]), median(step[si]),
                    median(perByte[si]), Arrays.toString(Arrays.stream(perByte[si]).map(x -> Math.round(x * 10) / 10.0).toArray()));
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
