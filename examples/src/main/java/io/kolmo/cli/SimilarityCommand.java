package io.kolmo.cli;

import io.kolmo.codec.Codec;
import io.kolmo.similarity.Ncd;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kolmo similarity A B}: the normalized compression distance of two files
 * ({@link Ncd}), from exact code lengths measured without building any output.
 */
@Command(name = "similarity", header = "Normalized compression distance of two files.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Prints the normalized compression distance of files A and B under the codec: "
                + "NCD = (C(AB) - min(C(A), C(B))) / max(C(A), C(B)), where C is the exact code length in "
                + "bits and AB is A followed by B. Near 0 for files that predict each other well, near 1 "
                + "for unrelated ones. Nothing is written to disk.",
            ""},
        footer = {"", "Examples:",
            "  kolmo similarity a.txt b.txt",
            "  kolmo similarity -v --codec cm a.txt b.txt"})
final class SimilarityCommand extends Subcommand {
    @Mixin
    CodecChoice choice;

    @Option(names = {"-v", "--verbose"}, description = "Also print C(A), C(B) and C(AB) in bits, and the codec.")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "A", description = "The first file.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The second file.")
    String b;

    SimilarityCommand(Console console) {
        super(console);
    }

    @Override
    String name() {
        return "kolmo similarity";
    }

    @Override
    String subject() {
        return null;
    }

    @Override
    int run() throws IOException, UserException {
        Codec codec;
        try {
            codec = choice.codec();
        } catch (UserException e) {
            throw new UsageException(e.getMessage());
        }
        Path pathA = file(a);
        Path pathB = file(b);
        long sizeA = Files.size(pathA);
        long sizeB = Files.size(pathB);
        long bitsA;
        long bitsB;
        long bitsAb;
        // Each file is read twice: alone, and as part of AB.
        try (Progress progress = Progress.start(console, quiet(), "similarity", 2 * (sizeA + sizeB))) {
            bitsA = measure(codec, Files.newInputStream(pathA), progress, 0);
            bitsB = measure(codec, Files.newInputStream(pathB), progress, sizeA);
            bitsAb = measure(codec, new SequenceInputStream(Files.newInputStream(pathA), Files.newInputStream(pathB)),
                    progress, sizeA + sizeB);
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%.4f%n", Ncd.distance(bitsA, bitsB, bitsAb)));
        if (verbose(verbose)) {
            text.append(String.format(Locale.ROOT, "C(A)  = %d bits  %s (%d bytes)%n", bitsA, a, sizeA));
            text.append(String.format(Locale.ROOT, "C(B)  = %d bits  %s (%d bytes)%n", bitsB, b, sizeB));
            text.append(String.format(Locale.ROOT, "C(AB) = %d bits  A then B%n", bitsAb));
            text.append("codec ").append(codec.name()).append(System.lineSeparator());
        }
        console.out().write(text.toString().getBytes(StandardCharsets.UTF_8));
        console.out().flush();
        return Kolmo.EXIT_OK;
    }

    private static Path file(String name) throws UserException {
        Path p = Path.of(name);
        if (Files.isDirectory(p)) {
            throw new UserException(name + ": is a directory");
        }
        return p;
    }

    private static long measure(Codec codec, InputStream in, Progress progress, long before) throws IOException {
        // A frame is read whole, then measured: once its successor's first byte is read, it is done.
        LongConsumer done = n -> progress.accept(before + Progress.framesDone(n - 1, codec.frameSize()));
        try (InputStream counted = new CountingInputStream(in, done)) {
            return codec.measure(counted);
        }
    }
}
