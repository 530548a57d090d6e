package io.kolmo.benchmarks.corpus;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak heap above a baseline, from the JVM's per-pool peak usage.
 *
 * <p>{@link #start()} collects garbage, records the heap still in use (the benchmark's own data)
 * as the baseline and resets the pools' peaks; {@link #peakAboveBaseline()} sums the pools' peaks
 * since then and subtracts the baseline. The pools peak at different moments and garbage not yet
 * collected counts, so this is an upper bound on what the work needed on the heap; native memory
 * (JNI libraries, ONNX Runtime) is not counted.
 *
 * <p>Not thread-safe; the JVM's pools are global, so only one may be in use at a time.
 */
final class HeapPeak {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
            .toList();
    private long baseline;

    void start() {
        System.gc();
        baseline = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    long peakAboveBaseline() {
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return Math.max(0, peak - baseline);
    }
}
