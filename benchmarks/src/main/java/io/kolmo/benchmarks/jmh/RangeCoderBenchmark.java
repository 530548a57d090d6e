package io.kolmo.benchmarks.jmh;

import io.kolmo.rangecoder.RangeCounter;
import io.kolmo.rangecoder.RangeDecoder;
import io.kolmo.rangecoder.RangeEncoderToBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the shared range coder alone, in nanoseconds per binary decision and per multi-symbol
 * code, so model costs can be told apart from coding costs.
 *
 * <p>Run after {@code mvn -pl benchmarks -am package -DskipTests}:
 * <pre>
 * java -cp "benchmarks/target/classes:$(mvn -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *     org.openjdk.jmh.Main RangeCoderBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RangeCoderBenchmark {
    private static final int N = 1 << 16;

    private final int[] probabilities = new int[N];
    private final int[] bits = new int[N];
    private final int[] symbols = new int[N];
    private byte[] encodedBits;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        for (int i = 0; i < N; i++) {
            probabilities[i] = 1 + r.nextInt(65535);
            bits[i] = r.nextInt(65536) < probabilities[i] ? 1 : 0;
            symbols[i] = r.nextInt(256);
        }
        RangeEncoderToBuffer enc = new RangeEncoderToBuffer(N / 4);
        for (int i = 0; i < N; i++) {
            enc.encodeBit(probabilities[i], bits[i]);
        }
        enc.finish();
        encodedBits = enc.toByteArray();
    }

    /** One binary decision into a buffer. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int encodeBit() {
        RangeEncoderToBuffer enc = new RangeEncoderToBuffer(N / 4);
        for (int i = 0; i < N; i++) {
            enc.encodeBit(probabilities[i], bits[i]);
        }
        enc.finish();
        return enc.size();
    }

    /** One binary decision, only counted (the cost of {@code measure}). */
    @Benchmark
    @OperationsPerInvocation(N)
    public long countBit() {
        RangeCounter counter = new RangeCounter();
        for (int i = 0; i < N; i++) {
            counter.encodeBit(probabilities[i], bits[i]);
        }
        counter.finish();
        return counter.bytes();
    }

    /** One binary decision decoded. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int decodeBit() {
        RangeDecoder dec = new RangeDecoder(encodedBits, 0, encodedBits.length);
        int x = 0;
        for (int i = 0; i < N; i++) {
            x += dec.decodeBit(probabilities[i]);
        }
        return x;
    }

    /** One byte-sized symbol from a flat 16-bit frequency table. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int encodeSymbol() {
        RangeEncoderToBuffer enc = new RangeEncoderToBuffer(N);
        for (int i = 0; i < N; i++) {
            enc.encode(symbols[i] << 8, 256, 16);
        }
        enc.finish();
        return enc.size();
    }
}
