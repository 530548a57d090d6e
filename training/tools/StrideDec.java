// Usage (repository root, after ./mvnw -q package -DskipTests):
//   java --enable-native-access=ALL-UNNAMED -cp "examples/target/classes:examples/target/lib/*" training/tools/StrideDec.java BYTES ROUNDS STRIDE...
import io.kolmo.codec.*;
import io.kolmo.model.hybrid.HybridCodec;
import java.nio.file.*;
import java.util.*;
/** Writes 1 MB of bible.txt as hybrid streams with the given strides, then decodes them alternately (wall time, medians). */
public class StrideDec {
    public static void main(String[] a) throws Exception {
        byte[] data = Arrays.copyOf(Files.readAllBytes(Path.of("../shared/data/canterbury/large/bible.txt")), Integer.parseInt(a[0]));
        int rounds = Integer.parseInt(a[1]);
        int n = a.length - 2;
        byte[][] streams = new byte[n][];
        for (int i = 0; i < n; i++) {
            Codec c = Codecs.get("hybrid", CodecOptions.defaults().with(HybridCodec.STRIDE_PROPERTY, a[2 + i]));
            streams[i] = c.compress(data);
            System.out.println("stride " + a[2 + i] + ": " + streams[i].length + " bytes");
        }
        double[][] t = new double[n][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i0 = 0; i0 < n; i0++) {
                int i = (i0 + r) % n;
                long t0 = System.nanoTime();
                byte[] back = Codecs.decompress(streams[i]);
                t[i][r] = (System.nanoTime() - t0) / 1e9;
                if (!Arrays.equals(back, data)) throw new AssertionError("round trip");
                System.out.printf("round %d stride %s: %.2f s (%.1f KB/s)%n", r, a[2 + i], t[i][r], data.length / 1000.0 / t[i][r]);
            }
        }
        for (int i = 0; i < n; i++) {
            double[] s = t[i].clone(); Arrays.sort(s);
            System.out.printf("stride %s median %.2f s = %.1f KB/s%n", a[2 + i], s[rounds / 2], data.length / 1000.0 / s[rounds / 2]);
        }
    }
}
