package io.kolmo.benchmarks.corpus;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A system compressor run as a process, reading standard input and writing standard output (so no
 * file name is stored in its header): {@code tool ARGS < file > compressed}, then
 * {@code tool -d < compressed > restored}, compared with the original in Java. Times include
 * process start. When GNU time is at {@code /usr/bin/time}, each run is wrapped in it and the peak
 * resident set size of the tool is reported.
 *
 * <p>Instances are immutable; sessions are not thread-safe.
 */
final class ExternalTool implements Contender {
    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final long TIMEOUT_MINUTES = 30;

    private final String name;
    private final String program;
    private final List<String> compressArgs;
    private final List<String> decompressArgs;
    private final Path executable;
    private final Path tmp;

    private ExternalTool(String name, String program, List<String> compressArgs, List<String> decompressArgs,
                         Path executable, Path tmp) {
        this.name = name;
        this.program = program;
        this.compressArgs = compressArgs;
        this.decompressArgs = decompressArgs;
        this.executable = executable;
        this.tmp = tmp;
    }

    /** The standard baselines, single-threaded, at their strongest common settings. */
    static List<ExternalTool> standard(Path tmp) {
        return List.of(
                tool("gzip -9", "gzip", List.of("-9", "-c"), List.of("-d", "-c"), tmp),
                tool("bzip2 -9", "bzip2", List.of("-9", "-c"), List.of("-d", "-c"), tmp),
                tool("xz -9e", "xz", List.of("-9e", "-T1", "-c"), List.of("-d", "-c"), tmp),
                tool("zstd -19 --long=27", "zstd", List.of("-19", "--long=27", "-T1", "-q", "-c"),
                        List.of("-d", "--long=27", "-q", "-c"), tmp),
                tool("brotli -q 11", "brotli", List.of("-q", "11", "-c"), List.of("-d", "-c"), tmp));
    }

    private static ExternalTool tool(String name, String program, List<String> compressArgs,
                                     List<String> decompressArgs, Path tmp) {
        return new ExternalTool(name, program, compressArgs, decompressArgs, onPath(program).orElse(null), tmp);
    }

    /** The program's name, for example {@code xz}. */
    String program() {
        return program;
    }

    boolean isInstalled() {
        return executable != null;
    }

    /** The first line the tool prints about its version, for the machine facts. */
    String version() {
        if (executable == null) {
            return "not installed";
        }
        try {
            Process p = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String text;
            try (InputStream in = p.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            p.waitFor(10, TimeUnit.SECONDS);
            return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("?");
        } catch (IOException e) {
            return "? (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Session open(Path file, byte[] data) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "kolmo-bench-");
        return new Session() {
            private final Path compressed = dir.resolve("compressed");
            private final Path restored = dir.resolve("restored");
            private final Path log = dir.resolve("stderr");
            private final Path rss = dir.resolve("rss");
            private long peakRss = -1;

            @Override
            public long compress() throws IOException {
                Files.deleteIfExists(restored);
                execute(compressArgs, file, compressed);
                return Files.size(compressed);
            }

            @Override
            public void decompress() throws IOException {
                execute(decompressArgs, compressed, restored);
            }

            @Override
            public long mismatch() throws IOException {
                return Files.mismatch(file, restored);
            }

            @Override
            public Optional<MemoryPeak> peakMemory() {
                return peakRss < 0 ? Optional.empty() : Optional.of(new MemoryPeak(peakRss, "rss"));
            }

            private void execute(List<String> args, Path in, Path out) throws IOException {
                List<String> command = new ArrayList<>();
                boolean timed = Files.isExecutable(GNU_TIME);
                if (timed) {
                    command.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rss.toString()));
                }
                command.add(executable.toString());
                command.addAll(args);
                Process p = new ProcessBuilder(command)
                        .redirectInput(in.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(log.toFile())
                        .start();
                try {
                    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                        p.destroyForcibly();
                        throw new IOException(name + " did not finish in " + TIMEOUT_MINUTES + " minutes");
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while running " + name, e);
                }
                if (p.exitValue() != 0) {
                    throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                            + Files.readString(log).strip());
                }
                if (timed) {
                    // GNU time reports kilobytes (KiB) of maximum resident set size.
                    String kib = Files.readString(rss).strip();
                    peakRss = Math.max(peakRss, Long.parseLong(kib.lines().reduce((a, b) -> b).orElse("0")) * 1024);
                }
            }

            @Override
            public void close() throws IOException {
                for (Path p : List.of(compressed, restored, log, rss, dir)) {
                    Files.deleteIfExists(p);
                }
            }
        };
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
