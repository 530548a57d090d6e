import io.kolmo.model.net.*;
import java.nio.file.*;
import java.util.*;
/**
 * Incremental steps (one byte per call, positions 0..511) side by side: the Java network (the
 * reference backend, whose steps run on StepNet) on one thread and with each step shared by two,
 * ONNX Runtime with one and with two intra-op threads; medians of ROUNDS rounds per batch size.
 *
 * <pre>
 * ./mvnw -q package -DskipTests
 * java -cp "codec-model/target/classes:examples/target/lib/*" training/tools/StepBench.java ROUNDS BATCH...
 * </pre>
 * Reads the bundled model from codec-model's resources and text from ../shared/data (alice29.txt).
 */
public class StepBench {
    public static void main(String[] a) throws Exception {
        String dir = "codec-model/src/main/resources/io/kolmo/model/";
        byte[] onnx = Files.readAllBytes(Path.of(dir + "default.onnx")), w = Files.readAllBytes(Path.of(dir + "default.weights"));
        byte[] text = Files.readAllBytes(Path.of("../shared/data/canterbury/alice29.txt"));
        int rounds = Integer.parseInt(a[0]);
        ByteModel[] ms = {Models.load(onnx, w, new ModelOptions(ModelOptions.Backend.REFERENCE, 0, 1)),
            Models.load(onnx, w, new ModelOptions(ModelOptions.Backend.CPU, 0, 1)),
            Models.load(onnx, w, new ModelOptions(ModelOptions.Backend.CPU, 0, 2)),
            Models.load(onnx, w, new ModelOptions(ModelOptions.Backend.REFERENCE, 0, 1))};
        int[] split = {1, 1, 1, 2}; // threads sharing a step (ByteModel.incremental(batch, threads))
        for (int ai = 1; ai < a.length; ai++) {
            int B = Integer.parseInt(a[ai]);
            byte[][] win = new byte[B][];
            for (int b = 0; b < B; b++) win[b] = Arrays.copyOfRange(text, 1000 + 600 * b, 1512 + 600 * b);
            double[][] t = new double[ms.length][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int mi = 0; mi < ms.length; mi++) {
                    ByteModel.Incremental inc = ms[mi].incremental(B, split[mi]);
                    long t0 = System.nanoTime();
                    inc.feed(win, 0, 1);
                    for (int s = 1; s < 512; s++) inc.feed(win, s, 1);
                    t[mi][round] = (System.nanoTime() - t0) / 1e6 / 512;
                    inc.close();
                }
            }
            for (int mi = 0; mi < ms.length; mi++) {
                double[] v = t[mi].clone(); Arrays.sort(v);
                System.out.printf("%-28s x%d batch %2d: median %.3f ms/step (min %.3f) = %.0f bytes/s%n", ms[mi].backend(), split[mi], B, v[rounds / 2], v[0], B * 1000 / v[rounds / 2]);
            }
        }
    }
}
