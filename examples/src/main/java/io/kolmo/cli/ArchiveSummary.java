package io.kolmo.cli;

import io.kolmo.archive.KolmoArchive;
import io.kolmo.codec.CodecProvider;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.Limits;
import io.kolmo.codec.format.FrameReader;
import io.kolmo.codec.format.StreamHeader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Watches an archive being read, for the summary line of {@code kolmo l -v} and {@code kolmo t}:
 * the codec named in its header and how many bytes it took. Not thread-safe.
 */
final class ArchiveSummary {
    private static final int BUFFER = 64 * 1024;

    private final CountingInputStream counting;
    private final BufferedInputStream stream;
    private final String codec;

    private ArchiveSummary(CountingInputStream counting, BufferedInputStream stream, String codec) {
        this.counting = counting;
        this.stream = stream;
        this.codec = codec;
    }

    /** Starts reading {@code raw}. */
    static ArchiveSummary reading(InputStream raw) throws IOException {
        CountingInputStream counting = new CountingInputStream(raw);
        BufferedInputStream stream = new BufferedInputStream(counting, BUFFER);
        // Peek at the header (far smaller than the buffer) and hand the archive reader all of it again.
        stream.mark(BUFFER);
        String codec;
        try {
            StreamHeader header = new FrameReader(stream, Limits.defaults()).readHeader();
            codec = Codecs.provider(header.codecId()).map(CodecProvider::name).orElse("codec #" + header.codecId());
        } catch (IOException notAnArchive) {
            // The archive reader meets the same problem and reports it.
            codec = "?";
        }
        stream.reset();
        return new ArchiveSummary(counting, stream, codec);
    }

    /** The archive, to hand to {@link KolmoArchive}. */
    InputStream stream() {
        return stream;
    }

    /** Archive bytes read so far. */
    long compressed() {
        return counting.count();
    }

    /** "{@code 7 entries, 1234 bytes in 456 (ratio 2.706, 2.956 bits/byte, cm)}". */
    String describe(List<KolmoArchive.Entry> entries) {
        long bytes = entries.stream().mapToLong(KolmoArchive.Entry::size).sum();
        long packed = counting.count();
        return String.format(Locale.ROOT, "%d entries, %d bytes in %d (ratio %.3f, %.3f bits/byte, %s)",
                entries.size(), bytes, packed, packed == 0 ? 0.0 : (double) bytes / packed,
                bytes == 0 ? 0.0 : 8.0 * packed / bytes, codec);
    }
}
