package io.kolmo.benchmarks.jmh;

import io.kolmo.model.net.ByteModel;
import io.kolmo.model.net.Models;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bundled model's incremental evaluation, as the decoders use it: microseconds per position
 * (one byte of every sequence of the batch) over a whole window of positions 0 .. context-1, fed one
 * byte at a time. With kolmo's default setting batches of up to 16 step on the Java network
 * ({@code StepNet}); {@code threads = 2} shares each step between two threads, as a one-frame hybrid
 * decoder does. Bytes are printable ASCII from a fixed seed (the cost does not depend on them).
 *
 * <p>Run after {@code mvn -pl benchmarks -am package -DskipTests}:
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.openjdk.jmh.Main ModelStepBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ModelStepBenchmark {
    /** Positions per invocation: the default model's context. */
    private static final int WINDOW = 512;

    @Param({"1", "4"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private ByteModel.Incremental incremental;
    private byte[][] bytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ByteModel model = Models.shared();
        if (model.info().contextLength() != WINDOW) {
            throw new IllegalStateException("expected a context of " + WINDOW + ": " + model.info());
        }
        incremental = model.incremental(batch, threads);
        Random r = new Random(7);
        bytes = new byte[batch][WINDOW];
        for (byte[] b : bytes) {
            for (int i = 0; i < WINDOW; i++) {
                b[i] = (byte) (32 + r.nextInt(95));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        incremental.close();
    }

    /** A window of single-byte steps; the result is the last logits, so nothing is optimised away. */
    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public int[][] window() throws IOException {
        incremental.reset();
        int[][] last = null;
        for (int i = 0; i < WINDOW; i++) {
            last = incremental.feed(bytes, i, 1);
        }
        return last;
    }
}
