import io.kolmo.codec.*;
import io.kolmo.model.hybrid.HybridCodec;
import io.kolmo.model.net.Models;
import java.nio.file.*;
import java.util.*;
/**
 * Hybrid decoding frame by frame against a whole stream (whose frames the decoder runs side by side),
 * on the first N bytes of a file cut into frames of F bytes; the stream is timed twice, before and
 * after the frame-by-frame run, so JIT warm-up favours neither.
 *
 * <pre>
 * ./mvnw -q package -DskipTests
 * java -cp "examples/target/classes:examples/target/lib/*" training/tools/HybridParallelDecode.java FILE N F
 * </pre>
 */
public class HybridParallelDecode {
    public static void main(String[] a) throws Exception {
        byte[] data = Arrays.copyOf(Files.readAllBytes(Path.of(a[0])), Integer.parseInt(a[1]));
        int fs = Integer.parseInt(a[2]);
        Codec c = new HybridCodec(Models.shared(), CodecOptions.defaults().withFrameSize(fs));
        byte[] packed = c.compress(data);
        long tp = System.nanoTime(); byte[] warm = c.decompress(packed); double par0 = (System.nanoTime() - tp) / 1e9; System.out.printf("stream first: %.1f s%n", par0);
        List<byte[]> payloads = new ArrayList<>();
        try (BlockEncoder enc = c.newEncoder()) {
            for (int off = 0; off < data.length; off += fs) {
                var out = new java.io.ByteArrayOutputStream();
                enc.encode(data, off, Math.min(fs, data.length - off), out);
                payloads.add(out.toByteArray());
            }
        }
        long t0 = System.nanoTime();
        try (BlockDecoder dec = c.newDecoder()) {
            int off = 0;
            byte[] got = new byte[data.length];
            for (byte[] p : payloads) { int n = Math.min(fs, data.length - off); dec.decode(p, 0, p.length, got, off, n); off += n; }
            if (!Arrays.equals(got, data)) throw new AssertionError("seq mismatch");
        }
        double seq = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        byte[] back = c.decompress(packed);
        double par = (System.nanoTime() - t0) / 1e9;
        if (!Arrays.equals(back, data)) throw new AssertionError("par mismatch");
        System.out.printf("%d bytes, %d frames of %d: frame by frame %.1f s (%.2f KB/s), stream (side by side) %.1f s (%.2f KB/s)%n",
            data.length, payloads.size(), fs, seq, data.length / seq / 1000, par, data.length / par / 1000);
    }
}
