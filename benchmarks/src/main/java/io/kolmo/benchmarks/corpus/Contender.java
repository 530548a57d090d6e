package io.kolmo.benchmarks.corpus;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One compressor in the race: a kolmo codec run in this JVM, or an external tool run as a process.
 * The harness owns the timing and the verification schedule; a contender only does the work.
 *
 * <p>Implementations are immutable; a {@link Session} is not thread-safe.
 */
interface Contender {
    /** The name in the tables, for example {@code kolmo/cm} or {@code xz -9e}. */
    String name();

    /** A session over one file; the caller closes it. */
    Session open(Path file, byte[] data) throws IOException;

    /** Compresses and decompresses one file, as many times as the harness asks. */
    interface Session extends Closeable {
        /** Compresses the file; returns the compressed size in bytes. */
        long compress() throws IOException;

        /** Decompresses what the last {@link #compress()} produced. */
        void decompress() throws IOException;

        /** First offset where the last decompressed output differs from the original, or -1. */
        long mismatch() throws IOException;

        /** Peak memory over this session so far, if this contender can measure it. */
        Optional<MemoryPeak> peakMemory();
    }

    /** Peak memory and what it counts ({@code heap} for the JVM heap, {@code rss} for a process). */
    record MemoryPeak(long bytes, String kind) {
    }
}
