package io.kolmo.cli;

import io.kolmo.codec.Codec;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.format.FrameFormat;
import io.kolmo.codec.stream.KolmoInputStream;
import io.kolmo.codec.stream.KolmoOutputStream;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code kolmo} command: compresses and decompresses files like gzip; archives ({@code kolmo a},
 * {@code x}, {@code l}, {@code t}); measures code lengths ({@code kolmo measure}) and similarity
 * ({@code kolmo similarity}); lists codecs ({@code kolmo codecs}). Started by {@code bin/kolmo}.
 *
 * <pre>
 * bin/kolmo -9 --codec xz -k notes.txt   # notes.txt -> notes.txt.kmo, keeping notes.txt
 * bin/kolmo -d notes.txt.kmo             # and back; the codec is read from the header
 * bin/kolmo a docs.kar docs/             # archive a tree; x, l, t extract, list, verify it
 * bin/kolmo similarity a.txt b.txt
 * </pre>
 *
 * <p>Every error is reported as one line on standard error with a non-zero exit status, and leaves
 * no partial output file: output is written to a temporary file that is renamed into place only
 * when complete.
 */
@Command(name = "kolmo", mixinStandardHelpOptions = true, versionProvider = Kolmo.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Compresses each FILE to FILE.kmo and removes FILE; with -d, restores FILE from FILE.kmo, "
                + "reading the codec from the stream header. Without FILE, or with -, reads standard "
                + "input and writes standard output. The commands below archive, measure and compare; "
                + "'kolmo COMMAND -h' documents each. (A FILE named like a command needs ./ before it.)",
            "",
            "A progress bar appears on standard error for large inputs when it is a terminal (not with -q).",
            ""},
        footer = {
            "",
            "Exit status: 0 on success, 1 if any FILE failed (corrupt, truncated, missing, existing output), "
                + "2 on a usage error (unknown option, codec or level), 3 on an internal error "
                + "(set KOLMO_DEBUG=1 for its stack trace).",
            "",
            "Examples:",
            "  kolmo -k -9 --codec xz notes.txt  notes.txt -> notes.txt.kmo, keep notes.txt",
            "  kolmo -dc notes.txt.kmo | less    decompress to standard output",
            "  kolmo a docs.kar docs/            archive a tree (then: kolmo l, t, x docs.kar)",
            "  kolmo similarity a.txt b.txt      normalized compression distance",
            "  kolmo measure --codec order0 *.txt"})
public final class Kolmo implements Callable<Integer> {
    static final String SUFFIX = ".kmo";
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERNAL = 3;
    private static final int BUFFER = 64 * 1024;

    private final Console console;

    @Mixin
    CodecChoice choice;

    @Option(names = {"-d", "--decompress"}, description = "Decompress FILE.kmo to FILE (the codec comes from the header).")
    boolean decompress;

    @Option(names = {"-c", "--stdout"}, description = "Write to standard output; keep the input files.")
    boolean toStdout;

    @Option(names = {"-k", "--keep"}, description = "Keep the input files.")
    boolean keep;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing output files.")
    boolean force;

    @Option(names = {"-v", "--verbose"},
            description = "Report each file's sizes, ratio, bits/byte, speed and codec on standard error.")
    boolean verbose;

    @Mixin
    Quiet quiet;

    @Parameters(paramLabel = "FILE", description = "Files to compress or decompress; - is standard input.")
    List<String> files;

    Kolmo(Console console) {
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(run(Console.system(), args));
    }

    /** Runs a command line against the given streams; returns the exit status. */
    static int run(Console console, String... args) {
        return commandLine(console).execute(args);
    }

    static CommandLine commandLine(Console console) {
        CommandLine cmd = new CommandLine(new Kolmo(console));
        cmd.addSubcommand(new ArchiveCreateCommand(console));
        cmd.addSubcommand(new ArchiveExtractCommand(console));
        cmd.addSubcommand(new ArchiveListCommand(console));
        cmd.addSubcommand(new ArchiveTestCommand(console));
        cmd.addSubcommand(new SimilarityCommand(console));
        cmd.addSubcommand(new MeasureCommand(console));
        cmd.addSubcommand(new CodecsCommand(console));
        CodecChoice.addLevelShortcuts(cmd);
        cmd.setOut(new PrintWriter(new OutputStreamWriter(console.stdout(), StandardCharsets.UTF_8), true));
        cmd.setErr(new PrintWriter(console.err(), true));
        cmd.setParameterExceptionHandler((e, args) -> {
            console.err().println("kolmo: " + e.getMessage() + " (see kolmo -h)");
            return EXIT_USAGE;
        });
        cmd.setExecutionExceptionHandler((e, command, parsed) -> {
            console.err().println("kolmo: internal error: " + e);
            if (System.getenv("KOLMO_DEBUG") != null) {
                e.printStackTrace(console.err());
            }
            return EXIT_INTERNAL;
        });
        return cmd;
    }

    @Override
    public Integer call() {
        Codec codec = null;
        if (!decompress) {
            try {
                codec = choice.codec();
            } catch (UserException e) {
                console.err().println("kolmo: " + e.getMessage());
                return EXIT_USAGE;
            }
        }
        int status = EXIT_OK;
        for (String name : files == null || files.isEmpty() ? List.of("-") : files) {
            try {
                if (name.equals("-")) {
                    streamStdin(codec);
                } else {
                    file(Path.of(name), codec);
                }
            } catch (UserException e) {
                status = fail(name, e.getMessage());
            } catch (IOException e) {
                status = fail(name, Failures.describe(e));
            } catch (InvalidPathException e) {
                status = fail(name, "invalid file name: " + e.getReason());
            }
        }
        return status;
    }

    private int fail(String name, String message) {
        console.err().println("kolmo: " + (name.equals("-") ? "stdin" : name) + ": " + message);
        return EXIT_FAILED;
    }

    private void streamStdin(Codec codec) throws IOException {
        process("stdin", console.stdin(), -1, console.stdout(), codec);
    }

    /**
     * Compresses or decompresses {@code in} (of {@code size} bytes, or -1 if unknown) to {@code out},
     * with a progress bar and the {@code -v} report; returns the codec name.
     */
    private String process(String label, InputStream in, long size, OutputStream out, Codec codec)
            throws IOException {
        long start = System.nanoTime();
        CountingInputStream counted = new CountingInputStream(in);
        CountingOutputStream written;
        String codecName;
        try (Progress progress = Progress.start(console, quiet.on, label, size)) {
            // Output appears when a frame is done: then the input read so far is done too.
            if (decompress) {
                written = new CountingOutputStream(out, n -> progress.accept(counted.count()));
                codecName = decode(counted, written);
            } else {
                written = new CountingOutputStream(out,
                        n -> progress.accept(Progress.framesDone(counted.count(), codec.frameSize())));
                codecName = encode(counted, written, codec);
            }
        }
        if (verbose && !quiet.on) {
            long original = decompress ? written.count() : counted.count();
            long packed = decompress ? counted.count() : written.count();
            console.err().println("kolmo: " + label + ": "
                    + Report.sizes(original, packed, decompress, System.nanoTime() - start, codecName));
        }
        return codecName;
    }

    private void file(Path src, Codec codec) throws IOException, UserException {
        if (Files.isDirectory(src)) {
            throw new UserException("is a directory -- ignored");
        }
        if (toStdout) {
            try (InputStream in = Files.newInputStream(src)) {
                process(src.toString(), in, Files.size(src), console.stdout(), codec);
            }
            return;
        }
        if (Files.isSymbolicLink(src) && !force) {
            throw new UserException("is a symbolic link -- ignored (use -f to follow it)");
        }
        if (Files.exists(src) && !Files.isRegularFile(src)) {
            throw new UserException("not a regular file -- ignored (use -c to read it)");
        }
        String fileName = src.getFileName().toString();
        Path target;
        if (decompress) {
            if (!fileName.endsWith(SUFFIX) || fileName.length() == SUFFIX.length()) {
                throw new UserException("unknown suffix -- ignored (expected " + SUFFIX + ", or use -c)");
            }
            target = src.resolveSibling(fileName.substring(0, fileName.length() - SUFFIX.length()));
        } else {
            if (fileName.endsWith(SUFFIX)) {
                throw new UserException("already has " + SUFFIX + " suffix -- unchanged");
            }
            target = src.resolveSibling(fileName + SUFFIX);
        }
        try (InputStream in = Files.newInputStream(src); AtomicFileOutput out = new AtomicFileOutput(target, force)) {
            process(src.toString(), in, Files.size(src), out.stream(), codec);
            copyAttributes(src, out.temp());
            out.commit();
        }
        if (!keep) {
            Files.delete(src);
        }
    }

    /** Compresses all of {@code in} into one kolmo stream on {@code out}; returns the codec name. */
    private static String encode(InputStream in, OutputStream out, Codec codec) throws IOException {
        try (KolmoOutputStream kolmo = codec.newOutputStream(out)) {
            copy(in, kolmo);
        }
        return codec.name();
    }

    /**
     * Decompresses the kolmo streams in {@code in} to {@code out}: one, or several written one after
     * another (as {@code kolmo -c a b} writes). Anything else after a stream's end record is refused:
     * it would otherwise be silently dropped. Returns the codec name of the first stream.
     */
    private static String decode(InputStream in, OutputStream out) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        InputStream shared = new FilterInputStream(buffered) {
            @Override
            public void close() {
                // Each kolmo stream would close its input; the next stream still needs it.
            }
        };
        String codec = null;
        long offset = 0;
        do {
            try (KolmoInputStream kolmo = Codecs.newInputStream(shared)) {
                copy(kolmo, out);
                codec = codec == null ? kolmo.codec().name() : codec;
                offset += kolmo.compressedOffset();
            }
        } while (startsAnotherStream(buffered, offset));
        out.flush();
        return codec;
    }

    /** True if another kolmo stream follows, false at the end of the input. */
    private static boolean startsAnotherStream(BufferedInputStream in, long offset) throws IOException {
        byte[] magic = FrameFormat.MAGIC;
        in.mark(magic.length);
        byte[] next = in.readNBytes(magic.length);
        in.reset();
        if (next.length == 0) {
            return false;
        }
        if (!Arrays.equals(next, magic)) {
            throw new CorruptedInputException("trailing garbage after the end of the kolmo stream", offset);
        }
        return true;
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER];
        for (int n; (n = in.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
        }
    }

    /** Gives the output the input's modification time and permissions, as gzip does. */
    private static void copyAttributes(Path from, Path to) throws IOException {
        Files.setLastModifiedTime(to, Files.getLastModifiedTime(from));
        if (Files.getFileAttributeView(to, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        }
    }

    /** The version from the jar manifest, when run from a jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Kolmo.class.getPackage().getImplementationVersion();
            return new String[] {"kolmo " + (v == null ? "(development build)" : v)};
        }
    }
}
