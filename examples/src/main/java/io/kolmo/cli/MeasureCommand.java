package io.kolmo.cli;

import io.kolmo.codec.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kolmo measure}: the exact code length of each file under a codec, computed without
 * building any output ({@link Codec#measure(InputStream)}). Container headers are not counted.
 */
@Command(name = "measure", header = "Exact code length of files under a codec.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Prints one tab-separated line per FILE: the file, its size in bytes, its code length in bits "
                + "under the codec (frame payloads only, without container headers) and bits per byte. "
                + "Nothing is written to disk.",
            ""})
final class MeasureCommand implements Callable<Integer> {
    private final Console console;

    @Mixin
    CodecChoice choice;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to measure; - is standard input.")
    List<String> files;

    MeasureCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        Codec codec;
        try {
            codec = choice.codec();
        } catch (UserException e) {
            console.err().println("kolmo measure: " + e.getMessage());
            return Kolmo.EXIT_USAGE;
        }
        int status = Kolmo.EXIT_OK;
        for (String name : files) {
            String line;
            try {
                line = name.equals("-") ? measure(name, console.stdin(), codec) : measure(name, Path.of(name), codec);
            } catch (IOException e) {
                console.err().println("kolmo measure: " + name + ": " + Failures.describe(e));
                status = Kolmo.EXIT_FAILED;
                continue;
            } catch (InvalidPathException e) {
                console.err().println("kolmo measure: " + name + ": invalid file name: " + e.getReason());
                status = Kolmo.EXIT_FAILED;
                continue;
            }
            console.out().write(line.getBytes(StandardCharsets.UTF_8));
            console.out().flush();
        }
        return status;
    }

    private static String measure(String name, Path path, Codec codec) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return measure(name, in, codec);
        }
    }

    static String measure(String name, InputStream raw, Codec codec) throws IOException {
        CountingInputStream in = new CountingInputStream(raw);
        long bits = codec.measure(in);
        return format(name, in.count(), bits);
    }

    /** FILE, bytes, bits, bits per byte with three decimals; tab-separated. */
    static String format(String name, long bytes, long bits) {
        return String.format(Locale.ROOT, "%s\t%d\t%d\t%.3f%n", name, bytes, bits,
                bytes == 0 ? 0.0 : (double) bits / bytes);
    }
}
