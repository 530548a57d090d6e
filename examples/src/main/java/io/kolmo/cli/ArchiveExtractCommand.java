package io.kolmo.cli;

import io.kolmo.archive.KolmoArchive;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kolmo x ARCHIVE [-C DIR]}: extracts a kolmo archive, all or nothing. */
@Command(name = "x", header = "Extracts an archive.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Extracts ARCHIVE into DIR (the current directory unless -C), restoring directories, empty "
                + "files, permissions, modification times and symbolic links. Entries that would land "
                + "outside DIR (absolute names, '..', or through a symbolic link) are refused. Files that "
                + "exist already are refused unless -f. The whole archive is verified as it is read; if "
                + "anything fails, everything this run created is removed again.",
            ""},
        footer = {"", "Examples:",
            "  kolmo x docs.kar                into the current directory",
            "  kolmo x -v docs.kar -C /tmp/restore"})
final class ArchiveExtractCommand extends Subcommand {
    @Option(names = {"-C", "--directory"}, paramLabel = "DIR", description = "Extract into DIR (created if needed).")
    String directory = ".";

    @Option(names = {"-f", "--force"}, description = "Replace files and symbolic links that exist already.")
    boolean force;

    @Option(names = {"-v", "--verbose"}, description = "List each entry extracted, then a summary, on standard error.")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive to read; - is standard input.")
    String archive;

    ArchiveExtractCommand(Console console) {
        super(console);
    }

    @Override
    String name() {
        return "kolmo x";
    }

    @Override
    String subject() {
        return archive;
    }

    @Override
    int run() throws IOException, UserException {
        List<KolmoArchive.Entry> entries;
        try (InputStream raw = open(archive);
                Progress progress = Progress.start(console, quiet(), archive, size(archive))) {
            CountingInputStream in = new CountingInputStream(raw);
            // Extracted bytes appear when their frame is decoded: the archive read so far is done.
            entries = KolmoArchive.extract(in, Path.of(directory),
                    force ? KolmoArchive.Existing.REPLACE : KolmoArchive.Existing.REFUSE,
                    n -> progress.accept(in.count()));
        }
        if (verbose(verbose)) {
            for (KolmoArchive.Entry e : entries) {
                console.err().println(e.name());
            }
            long bytes = entries.stream().mapToLong(KolmoArchive.Entry::size).sum();
            console.err().println("kolmo: " + archive + ": " + entries.size() + " entries, " + bytes
                    + " bytes extracted into " + directory);
        }
        return Kolmo.EXIT_OK;
    }
}
