package io.kolmo.benchmarks.jmh;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.Codecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the cm codec in nanoseconds per input byte: code length only ({@code measure}),
 * compression and decompression, per level. The input is the first 256 KiB of
 * {@code canterbury/alice29.txt}+{@code lcet10.txt} when {@code kolmo.data.dir} points at the shared
 * data, else generated words.
 *
 * <p>Run after {@code mvn -pl benchmarks -am package -DskipTests}:
 * <pre>
 * java -Dkolmo.data.dir=../shared/data \
 *     -cp "benchmarks/target/classes:$(mvn -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *     org.openjdk.jmh.Main CmBenchmark -p level=1,4 -p threads=1,2
 * </pre>
 * 1000 / (ns per byte) is the speed in MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class CmBenchmark {
    private static final int SIZE = 256 * 1024;

    @Param({"1", "4", "6"})
    public int level;

    /**
     * cm's {@code threads} property: 2 runs the context models on a second thread while compressing
     * and measuring (frames of 32 KiB and more, two or more cores); decompression is one thread
     * either way.
     */
    @Param({"1", "2"})
    public int threads;

    private Codec codec;
    private byte[] data;
    private byte[] packed;

    @Setup
    public void setUp() throws IOException {
        codec = Codecs.get("cm", CodecOptions.defaults().withLevel(level).with("threads", Integer.toString(threads)));
        data = input();
        packed = codec.compress(data);
    }

    private static byte[] input() throws IOException {
        byte[] out = new byte[SIZE];
        int n = 0;
        String dir = System.getProperty("kolmo.data.dir");
        if (dir != null) {
            for (String name : new String[] {"alice29.txt", "lcet10.txt"}) {
                Path p = Path.of(dir, "canterbury", name);
                if (n < SIZE && Files.isRegularFile(p)) {
                    byte[] b = Files.readAllBytes(p);
                    int k = Math.min(b.length, SIZE - n);
                    System.arraycopy(b, 0, out, n, k);
                    n += k;
                }
            }
        }
        String[] words = {"the", "of", "and", "model", "predicts", "each", "next", "byte", "range", "coder"};
        Random r = new Random(1);
        while (n < SIZE) {
            for (byte c : (words[r.nextInt(words.length)] + (r.nextInt(12) == 0 ? ".\n" : " ")).getBytes()) {
                if (n < SIZE) {
                    out[n++] = c;
                }
            }
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public long measure() throws IOException {
        return codec.measure(data);
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public int compress() throws IOException {
        return codec.compress(data).length;
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public int decompress() throws IOException {
        return codec.decompress(packed).length;
    }
}
