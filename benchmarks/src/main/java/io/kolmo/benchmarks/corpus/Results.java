package io.kolmo.benchmarks.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every measurement of one run, in the order taken, and the TOTAL per contender: bytes summed over
 * the files, times summed (so the TOTAL speed is total bytes over total time), peak memory the
 * largest seen. A contender that failed on any file gets a failed TOTAL, since a sum over fewer
 * files compares with nothing.
 *
 * <p>Not thread-safe.
 */
final class Results {
    static final String TOTAL = "TOTAL";

    private final List<String> files = new ArrayList<>();
    private final List<String> contenders = new ArrayList<>();
    private final Map<String, Map<String, Measurement>> byFile = new LinkedHashMap<>();

    void add(Measurement m) {
        if (!files.contains(m.file())) {
            files.add(m.file());
        }
        if (!contenders.contains(m.contender())) {
            contenders.add(m.contender());
        }
        byFile.computeIfAbsent(m.file(), f -> new LinkedHashMap<>()).put(m.contender(), m);
    }

    List<String> files() {
        return List.copyOf(files);
    }

    List<String> contenders() {
        return List.copyOf(contenders);
    }

    Optional<Measurement> get(String file, String contender) {
        return Optional.ofNullable(byFile.getOrDefault(file, Map.of()).get(contender));
    }

    /** Measurements that failed, in the order taken. */
    List<Measurement> failures() {
        return byFile.values().stream().flatMap(m -> m.values().stream()).filter(m -> !m.ok()).toList();
    }

    Measurement total(String contender) {
        long original = 0;
        long compressed = 0;
        long compressNanos = 0;
        long decompressNanos = 0;
        int failed = 0;
        Optional<Contender.MemoryPeak> peak = Optional.empty();
        for (String file : files) {
            Optional<Measurement> found = get(file, contender);
            if (found.isEmpty()) {
                continue;
            }
            Measurement m = found.get();
            original += m.originalBytes();
            if (!m.ok()) {
                failed++;
                continue;
            }
            compressed += m.compressedBytes();
            compressNanos += m.compressNanos();
            decompressNanos += m.decompressNanos();
            peak = max(peak, m.peakMemory());
        }
        if (failed > 0) {
            return Measurement.failed(TOTAL, contender, original, "failed on " + failed + " file(s)");
        }
        return new Measurement(TOTAL, contender, original, compressed, compressNanos, decompressNanos, peak, null);
    }

    private static Optional<Contender.MemoryPeak> max(Optional<Contender.MemoryPeak> a,
                                                    Optional<Contender.MemoryPeak> b) {
        return a.isEmpty() || (b.isPresent() && b.get().bytes() > a.get().bytes()) ? b : a;
    }
}
