package io.kolmo.benchmarks.jmh;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.Codecs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Whole-file cm speed and size on shared, noisy machines, where JMH's wall-clock averages mislead:
 * each file is compressed and decompressed several times in one JVM, the round trip is checked,
 * and the median thread CPU time (which other processes do not inflate as much as wall time) gives
 * MB per CPU-second. Prints bits per byte, compress and decompress speed per file.
 *
 * <pre>
 * java -cp ... io.kolmo.benchmarks.jmh.CmCorpusSpeed LEVEL REPETITIONS FILE...
 * </pre>
 */
public final class CmCorpusSpeed {
    private CmCorpusSpeed() {
    }

    public static void main(String[] args) throws IOException {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Codec codec = Codecs.get("cm", CodecOptions.defaults().withLevel(Integer.parseInt(args[0])));
        int reps = Integer.parseInt(args[1]);
        long in = 0;
        long out = 0;
        for (int f = 2; f < args.length; f++) {
            byte[] data = Files.readAllBytes(Path.of(args[f]));
            double[] comp = new double[reps];
            double[] decomp = new double[reps];
            byte[] packed = null;
            for (int r = 0; r < reps; r++) {
                long t = cpu.getCurrentThreadCpuTime();
                packed = codec.compress(data);
                comp[r] = (cpu.getCurrentThreadCpuTime() - t) / 1e9;
                t = cpu.getCurrentThreadCpuTime();
                byte[] back = codec.decompress(packed);
                decomp[r] = (cpu.getCurrentThreadCpuTime() - t) / 1e9;
                if (!Arrays.equals(data, back)) {
                    throw new IllegalStateException("round trip failed: " + args[f]);
                }
            }
            in += data.length;
            out += packed.length;
            System.out.printf("%-16s %9d %9d %6.3f bits/byte  compress %5.2f  decompress %5.2f MB/cpu-s%n",
                    Path.of(args[f]).getFileName(), data.length, packed.length, 8.0 * packed.length / data.length,
                    data.length / 1e6 / median(comp), data.length / 1e6 / median(decomp));
        }
        System.out.printf("TOTAL %d -> %d%n", in, out);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
