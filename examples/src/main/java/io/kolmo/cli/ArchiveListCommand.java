package io.kolmo.cli;

import io.kolmo.archive.KolmoArchive;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kolmo l ARCHIVE}: lists a kolmo archive's entries, like {@code tar tv}. */
@Command(name = "l", header = "Lists an archive's entries.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Lists the entries of ARCHIVE on standard output, one a line: type and permissions, size in "
                + "bytes, modification time (local), name, and '-> target' for symbolic links. The whole "
                + "archive is read, so damage is reported as by 't'.",
            ""},
        footer = {"", "Example:", "  kolmo l docs.kar"})
final class ArchiveListCommand extends Subcommand {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    @Option(names = {"-v", "--verbose"},
            description = "End with a summary: entries, bytes, archive size, ratio, bits/byte and codec.")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive to list; - is standard input.")
    String archive;

    ArchiveListCommand(Console console) {
        super(console);
    }

    @Override
    String name() {
        return "kolmo l";
    }

    @Override
    String subject() {
        return archive;
    }

    @Override
    int run() throws IOException, UserException {
        List<KolmoArchive.Entry> entries;
        ArchiveSummary summary;
        try (InputStream raw = open(archive);
                Progress progress = Progress.start(console, quiet(), archive, size(archive))) {
            summary = ArchiveSummary.reading(raw);
            // Listing decodes everything too; the same counts as 't' keep the bar honest.
            entries = KolmoArchive.test(summary.stream(), n -> progress.accept(summary.compressed()));
        }
        StringBuilder text = new StringBuilder();
        for (KolmoArchive.Entry e : entries) {
            text.append(line(e)).append(System.lineSeparator());
        }
        if (verbose(verbose)) {
            text.append(summary.describe(entries)).append(System.lineSeparator());
        }
        console.out().write(text.toString().getBytes(StandardCharsets.UTF_8));
        console.out().flush();
        return Kolmo.EXIT_OK;
    }

    /** {@code drwxr-xr-x  4096  2024-01-31 12:00  name -> target}. */
    static String line(KolmoArchive.Entry e) {
        String link = e.linkTarget() == null ? "" : " -> " + e.linkTarget();
        return String.format(Locale.ROOT, "%s %12d  %s  %s%s", e.type() + permissions(e.mode()), e.size(),
                TIME.format(e.modified().toInstant()), e.name(), link);
    }

    static String permissions(int mode) {
        StringBuilder sb = new StringBuilder(9);
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((mode & (0400 >> i)) != 0 ? letters.charAt(i) : '-');
        }
        return sb.toString();
    }
}
