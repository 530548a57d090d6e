package io.kolmo.benchmarks.corpus;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prints a run as Markdown: the machine facts and settings, one row per file and contender, the
 * TOTAL per contender (with its size relative to {@code xz -9e}), a bits-per-byte matrix, and the
 * failures.
 */
final class MarkdownReport {
    /** The contender every TOTAL is compared with, when it ran. */
    static final String REFERENCE = "xz -9e";

    private MarkdownReport() {
    }

    /**
     * @param facts machine facts, printed as a two-column table
     * @param notes settings and what was not run, printed as a list
     */
    static void print(PrintStream out, Map<String, String> facts, List<String> notes, Results results) {
        out.println("# kolmo corpus benchmark");
        out.println();
        out.println("| machine | |");
        out.println("|---|---|");
        facts.forEach((k, v) -> out.println("| " + k + " | " + escape(v) + " |"));
        out.println();
        notes.forEach(n -> out.println("- " + n));
        out.println();

        out.println("## Per file");
        out.println();
        out.println("| file | codec | original | compressed | bits/byte | compress MB/s | decompress MB/s | peak MiB |");
        out.println("|---|---|--:|--:|--:|--:|--:|--:|");
        for (String file : results.files()) {
            for (String contender : results.contenders()) {
                results.get(file, contender).ifPresent(m -> out.println(row(m)));
            }
        }
        out.println();

        Optional<Measurement> reference = results.contenders().contains(REFERENCE)
                ? Optional.of(results.total(REFERENCE)).filter(Measurement::ok) : Optional.empty();
        out.println("## TOTAL");
        out.println();
        out.println("| file | codec | original | compressed | bits/byte | compress MB/s | decompress MB/s | peak MiB"
                + " | size / " + REFERENCE + " |");
        out.println("|---|---|--:|--:|--:|--:|--:|--:|--:|");
        for (String contender : results.contenders()) {
            Measurement total = results.total(contender);
            out.println(row(total) + " " + reference.filter(r -> total.ok())
                    .map(r -> fixed(3, (double) total.compressedBytes() / r.compressedBytes())).orElse("") + " |");
        }
        out.println();
        out.println(summary(results, reference));
        out.println();

        out.println("## Bits per byte");
        out.println();
        StringBuilder head = new StringBuilder("| file |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String contender : results.contenders()) {
            head.append(' ').append(escape(contender)).append(" |");
            rule.append("--:|");
        }
        out.println(head);
        out.println(rule);
        List<String> rows = new ArrayList<>(results.files());
        rows.add(Results.TOTAL);
        for (String file : rows) {
            StringBuilder line = new StringBuilder("| " + escape(file) + " |");
            for (String contender : results.contenders()) {
                Optional<Measurement> m = file.equals(Results.TOTAL) ? Optional.of(results.total(contender))
                        : results.get(file, contender);
                line.append(' ').append(m.map(x -> x.ok() ? fixed(3, x.bitsPerByte()) : "FAILED").orElse(""))
                        .append(" |");
            }
            out.println(line);
        }

        List<Measurement> failures = results.failures();
        if (!failures.isEmpty()) {
            out.println();
            out.println("## FAILURES");
            out.println();
            failures.forEach(f -> out.println("- **" + escape(f.contender()) + "** on " + escape(f.file()) + ": "
                    + escape(f.failure())));
        }
    }

    /** One line: each contender's TOTAL size relative to the reference's, smallest first. */
    static String summary(Results results, Optional<Measurement> reference) {
        if (reference.isEmpty()) {
            return "No " + REFERENCE + " TOTAL to compare with (not run, or it failed).";
        }
        List<String> parts = results.contenders().stream()
                .map(results::total)
                .filter(Measurement::ok)
                .sorted((a, b) -> Long.compare(a.compressedBytes(), b.compressedBytes()))
                .map(t -> t.contender() + " " + fixed(3, (double) t.compressedBytes()
                        / reference.get().compressedBytes()))
                .toList();
        return "TOTAL size relative to " + REFERENCE + " (below 1 is smaller): " + String.join(", ", parts) + ".";
    }

    private static String row(Measurement m) {
        if (!m.ok()) {
            return "| " + escape(m.file()) + " | " + escape(m.contender()) + " | " + m.originalBytes()
                    + " | **FAILED** | | | | |";
        }
        return "| " + escape(m.file()) + " | " + escape(m.contender()) + " | " + m.originalBytes() + " | "
                + m.compressedBytes() + " | " + fixed(3, m.bitsPerByte()) + " | " + speed(m.compressMBps()) + " | "
                + speed(m.decompressMBps()) + " | " + m.peakMemory().map(p -> fixed(1, p.bytes() / 1048576.0)
                        + " " + p.kind()).orElse("n/a") + " |";
    }

    /** Two significant decimals for slow codecs, one for fast ones. */
    static String speed(double mbps) {
        return Double.isNaN(mbps) ? "" : fixed(mbps < 10 ? 2 : 1, mbps);
    }

    static String fixed(int decimals, double value) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
