package io.kolmo.benchmarks.corpus;

import io.kolmo.codec.CodecOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of the corpus benchmark, parsed.
 *
 * @param paths files and directories to benchmark
 * @param runs timed runs per file and contender; the median is reported
 * @param warmups untimed runs before them (verified too)
 * @param codecs kolmo codecs as {@code name} or {@code name:level}; empty means every available one
 * @param level level for kolmo codecs named without one; 0 leaves it to the codec
 * @param external whether to run the system tools
 * @param tools which system tools by program name; empty means every installed one
 * @param maxBytes files larger than this are left out
 * @param csv where to write the measurements as CSV too, or {@code null}
 * @param tmp where external tools write their output
 */
record BenchmarkConfig(List<Path> paths, int runs, int warmups, List<String> codecs, int level, boolean external,
                       List<String> tools, long maxBytes, Path csv, Path tmp) {

    static final String USAGE = String.join("\n",
            "usage: kolmo-bench [options] PATH...",
            "Compresses every file under each PATH with each kolmo codec and system compressor, side by",
            "side, verifies every round trip and prints a Markdown table. Exit code 1 if any round trip",
            "failed, 2 on a usage error.",
            "",
            "  --runs N           timed runs per file and codec, median reported (default 3)",
            "  --warmup N         untimed, verified warm-up runs before them (default 1)",
            "  --codecs A,B:9     kolmo codecs to run, NAME or NAME:LEVEL (default: every available)",
            "  --level N          level 1..9 for codecs named without one (default: each codec's own)",
            "  --no-external      do not run system compressors (default: run those installed)",
            "  --external         run them (the default)",
            "  --tools gzip,xz    which system compressors: gzip bzip2 xz zstd brotli (default: all)",
            "  --max-size BYTES   leave out files larger than this; k, m, g suffixes (default: none)",
            "  --csv FILE         also write the measurements as CSV",
            "  --tmp DIR          directory for the external tools' files (default: java.io.tmpdir)",
            "  -h, --help         this help");

    /** @throws IllegalArgumentException with a message for the user */
    static BenchmarkConfig parse(String... args) {
        List<Path> paths = new ArrayList<>();
        int runs = 3;
        int warmups = 1;
        List<String> codecs = List.of();
        int level = 0;
        boolean external = true;
        List<String> tools = List.of();
        long maxBytes = Long.MAX_VALUE;
        Path csv = null;
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--runs" -> runs = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmups = nonNegative(arg, value(args, ++i, arg));
                case "--codecs" -> codecs = list(value(args, ++i, arg));
                case "--level" -> {
                    level = nonNegative(arg, value(args, ++i, arg));
                    if (level > 9) {
                        throw new IllegalArgumentException("--level must be 1..9: " + level);
                    }
                }
                case "--external" -> external = true;
                case "--no-external" -> external = false;
                case "--tools" -> tools = list(value(args, ++i, arg));
                case "--max-size" -> maxBytes = size(value(args, ++i, arg));
                case "--csv" -> csv = Path.of(value(args, ++i, arg));
                case "--tmp" -> tmp = Path.of(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    paths.add(Path.of(arg));
                }
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("name at least one file or directory");
        }
        return new BenchmarkConfig(List.copyOf(paths), runs, warmups, codecs, level, external, tools, maxBytes,
                csv, tmp);
    }

    static boolean wantsHelp(String... args) {
        return Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static int positive(String option, String value) {
        int n = nonNegative(option, value);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new IllegalArgumentException(option + " must not be negative: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + value, e);
        }
    }

    private static long size(String value) {
        long n;
        try {
            n = CodecOptions.parseSize(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--max-size needs a size such as 1048576 or 1m: " + value, e);
        }
        if (n < 0) {
            throw new IllegalArgumentException("--max-size must not be negative: " + value);
        }
        return n;
    }
}
