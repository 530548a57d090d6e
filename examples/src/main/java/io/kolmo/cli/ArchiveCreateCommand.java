package io.kolmo.cli;

import io.kolmo.archive.KolmoArchive;
import io.kolmo.codec.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kolmo a ARCHIVE PATH...}: writes a kolmo archive ({@link KolmoArchive}) atomically: into a
 * temporary file beside ARCHIVE, renamed onto it only when complete.
 */
@Command(name = "a", header = "Creates an archive of files and directories.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Archives each PATH, with everything below it, into ARCHIVE: a tar stream (directories, empty "
                + "files, permissions, modification times, symbolic links) inside one kolmo stream. "
                + "Each PATH is stored under its own name. ARCHIVE is written atomically: to a temporary file, "
                + "renamed into place when complete, so a failure leaves nothing behind. Existing ARCHIVE is refused without -f; - writes "
                + "standard output.",
            ""},
        footer = {"", "Examples:",
            "  kolmo a docs.kar docs/          archive docs/ with the default codec",
            "  kolmo a -9 --codec cm -f docs.kar docs/ notes.txt"})
final class ArchiveCreateCommand extends Subcommand {
    @Mixin
    CodecChoice choice;

    @Option(names = {"-f", "--force"}, description = "Replace ARCHIVE if it exists.")
    boolean force;

    @Option(names = {"-v", "--verbose"},
            description = "List each entry as it is added, then sizes, ratio, bits/byte and speed.")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive to write; - is standard output.")
    String archive;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Files and directories to archive.")
    List<String> paths;

    ArchiveCreateCommand(Console console) {
        super(console);
    }

    @Override
    String name() {
        return "kolmo a";
    }

    @Override
    String subject() {
        return archive;
    }

    @Override
    int run() throws IOException, UserException {
        Codec codec;
        try {
            codec = choice.codec();
        } catch (UserException e) {
            throw new UsageException(e.getMessage());
        }
        List<Path> roots = new ArrayList<>();
        for (String p : paths) {
            Path root = Path.of(p);
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(p);
            }
            roots.add(root);
        }
        long start = System.nanoTime();
        List<KolmoArchive.Entry> entries;
        long written;
        long total = Progress.shown(console, quiet()) ? totalSize(roots) : -1;
        long[] archived = {0};
        try (Progress progress = Progress.start(console, quiet(), archive, total)) {
            // Output appears when a frame is done: then the file bytes archived so far are done too.
            LongConsumer framesDone = n -> progress.accept(Progress.framesDone(archived[0], codec.frameSize()));
            if (archive.equals("-")) {
                CountingOutputStream out = new CountingOutputStream(console.stdout(), framesDone);
                entries = KolmoArchive.create(out, codec, roots, p -> false, n -> archived[0] = n);
                out.flush();
                written = out.count();
            } else {
                Path target = Path.of(archive);
                try (AtomicFileOutput file = new AtomicFileOutput(target, force)) {
                    CountingOutputStream out = new CountingOutputStream(file.stream(), framesDone);
                    entries = KolmoArchive.create(out, codec, roots, isOneOf(file.temp(), target),
                            n -> archived[0] = n);
                    out.flush();
                    file.commit();
                    written = out.count();
                }
            }
        }
        if (verbose(verbose)) {
            for (KolmoArchive.Entry e : entries) {
                console.err().println(e.name());
            }
            long bytes = entries.stream().mapToLong(KolmoArchive.Entry::size).sum();
            console.err().println("kolmo: " + (archive.equals("-") ? "stdout" : archive) + ": " + entries.size()
                    + " entries, " + Report.sizes(bytes, written, false, System.nanoTime() - start, codec.name()));
        }
        return Kolmo.EXIT_OK;
    }

    /**
     * Leaves the archive out of itself when it lies inside a tree being archived: the temporary
     * file being written, and the old archive that {@code -f} replaces.
     */
    private static Predicate<Path> isOneOf(Path temp, Path target) {
        return p -> same(p, temp) || same(p, target);
    }

    private static boolean same(Path p, Path file) {
        try {
            return p.getFileName() != null && p.getFileName().equals(file.getFileName())
                    && Files.exists(file, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(p, file);
        } catch (IOException e) {
            return false;
        }
    }

    /** The bytes of the regular files under the roots, for the progress bar. */
    private static long totalSize(List<Path> roots) throws IOException {
        long total = 0;
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                total += walk.mapToLong(p -> {
                    try {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                                LinkOption.NOFOLLOW_LINKS);
                        return a.isRegularFile() ? a.size() : 0;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).sum();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return total;
    }
}
