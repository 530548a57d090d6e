package io.kolmo.benchmarks.corpus;

import java.util.Optional;

/**
 * What one contender did on one file (or, for a TOTAL, on all of them): sizes, median times and
 * peak memory, or the reason it failed.
 *
 * @param file the file's name relative to the corpus root, or {@code TOTAL}
 * @param contender the contender's name
 * @param originalBytes size of the input
 * @param compressedBytes size of the output, -1 if it failed
 * @param compressNanos median compression time, -1 if it failed
 * @param decompressNanos median decompression time, -1 if it failed
 * @param peakMemory peak memory, if measured
 * @param failure why it failed, or {@code null}
 */
record Measurement(String file, String contender, long originalBytes, long compressedBytes, long compressNanos,
                   long decompressNanos, Optional<Contender.MemoryPeak> peakMemory, String failure) {

    static Measurement failed(String file, String contender, long originalBytes, String failure) {
        return new Measurement(file, contender, originalBytes, -1, -1, -1, Optional.empty(), failure);
    }

    boolean ok() {
        return failure == null;
    }

    /** 8 x compressed / original; NaN if it failed or the input is empty. */
    double bitsPerByte() {
        return ok() && originalBytes > 0 ? 8.0 * compressedBytes / originalBytes : Double.NaN;
    }

    /** Original megabytes (10^6 bytes) compressed per second. */
    double compressMBps() {
        return megabytesPerSecond(compressNanos);
    }

    /** Original megabytes (10^6 bytes) restored per second. */
    double decompressMBps() {
        return megabytesPerSecond(decompressNanos);
    }

    private double megabytesPerSecond(long nanos) {
        return ok() && nanos > 0 ? originalBytes * 1e3 / nanos : Double.NaN;
    }
}
