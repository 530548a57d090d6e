package io.kolmo.benchmarks.corpus;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the contenders side by side: file by file, every contender on the same file before the
 * next file, so load that drifts during a long run spreads over all of them alike. Per file and
 * contender: warm-up runs (which let the JIT compile the codec), then timed runs whose median is
 * kept. Every run, warm-up included, is decompressed and compared byte for byte with the original;
 * a difference, an exception or an output size that changes between runs is recorded as a failure
 * and the other contenders go on.
 *
 * <p>Not thread-safe.
 */
final class Harness {
    private final int warmups;
    private final int runs;
    private final PrintStream progress;

    /** @param progress where a line per measurement goes while it runs (standard error) */
    Harness(int warmups, int runs, PrintStream progress) {
        this.warmups = warmups;
        this.runs = runs;
        this.progress = progress;
    }

    Results run(List<CorpusFiles.CorpusFile> files, List<? extends Contender> contenders) throws IOException {
        Results results = new Results();
        int n = 0;
        for (CorpusFiles.CorpusFile file : files) {
            n++;
            byte[] data = Files.readAllBytes(file.path());
            for (Contender contender : contenders) {
                Measurement m = measure(file, data, contender);
                results.add(m);
                progress.println(String.format(Locale.ROOT, "[%d/%d] %-20s %-24s %s", n, files.size(), file.name(),
                        contender.name(), m.ok() ? String.format(Locale.ROOT, "%.3f bits/byte", m.bitsPerByte())
                                : "FAILED: " + m.failure()));
            }
        }
        return results;
    }

    private Measurement measure(CorpusFiles.CorpusFile file, byte[] data, Contender contender) {
        long[] compressNanos = new long[runs];
        long[] decompressNanos = new long[runs];
        long size = -1;
        try (Contender.Session session = contender.open(file.path(), data)) {
            for (int i = 0; i < warmups + runs; i++) {
                long t0 = System.nanoTime();
                long compressed = session.compress();
                long t1 = System.nanoTime();
                session.decompress();
                long t2 = System.nanoTime();
                long at = session.mismatch();
                if (at >= 0) {
                    return Measurement.failed(file.name(), contender.name(), data.length,
                            "ROUND TRIP FAILED: restored bytes differ from the original at offset " + at);
                }
                if (size >= 0 && compressed != size) {
                    return Measurement.failed(file.name(), contender.name(), data.length,
                            "output size changed between runs: " + size + " then " + compressed + " bytes");
                }
                size = compressed;
                if (i >= warmups) {
                    compressNanos[i - warmups] = t1 - t0;
                    decompressNanos[i - warmups] = t2 - t1;
                }
            }
            return new Measurement(file.name(), contender.name(), data.length, size, median(compressNanos),
                    median(decompressNanos), session.peakMemory(), null);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // One codec's failure must not hide the others' figures; it is reported and fails the run.
            return Measurement.failed(file.name(), contender.name(), data.length,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The median; for an even count, the mean of the two middle values. */
    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
