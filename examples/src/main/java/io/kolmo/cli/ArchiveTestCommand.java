package io.kolmo.cli;

import io.kolmo.archive.KolmoArchive;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kolmo t ARCHIVE}: verifies a kolmo archive without writing anything. */
@Command(name = "t", header = "Verifies an archive without writing anything.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Verifies ARCHIVE without writing anything: every frame's CRC32C, the stream's end record "
                + "(total length and CRC), every tar header, and that nothing follows the archive. Prints "
                + "'ARCHIVE: OK' and a summary on standard output; a damaged or truncated archive "
                + "is reported on standard error with exit status 1.",
            ""},
        footer = {"", "Example:", "  kolmo t docs.kar && echo intact"})
final class ArchiveTestCommand extends Subcommand {
    @Option(names = {"-v", "--verbose"}, description = "Also list each entry checked.")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive to verify; - is standard input.")
    String archive;

    ArchiveTestCommand(Console console) {
        super(console);
    }

    @Override
    String name() {
        return "kolmo t";
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
            // Checked bytes appear when their frame is decoded: the archive read so far is done.
            entries = KolmoArchive.test(summary.stream(), n -> progress.accept(summary.compressed()));
        }
        if (quiet()) {
            return Kolmo.EXIT_OK;
        }
        StringBuilder text = new StringBuilder();
        if (verbose(verbose)) {
            for (KolmoArchive.Entry e : entries) {
                text.append(e.name()).append(System.lineSeparator());
            }
        }
        text.append(archive).append(": OK, ").append(summary.describe(entries)).append(System.lineSeparator());
        console.out().write(text.toString().getBytes(StandardCharsets.UTF_8));
        console.out().flush();
        return Kolmo.EXIT_OK;
    }
}
