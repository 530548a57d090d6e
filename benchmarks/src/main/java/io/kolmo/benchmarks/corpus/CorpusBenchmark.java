package io.kolmo.benchmarks.corpus;

import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CodecProvider;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.UnsupportedFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The corpus benchmark: every kolmo codec and the system compressors on the same files, side by
 * side in one run, every round trip verified, results as a Markdown table (and CSV). See
 * docs/BENCHMARKS.md.
 *
 * <pre>{@code
 * bin/kolmo-bench --runs 3 ../shared/data/canterbury
 * bin/kolmo-bench --codecs cm,xz:9 --no-external --max-size 1m --csv out.csv ../shared/data/canterbury
 * }</pre>
 *
 * <p>Exit status: 0 when every round trip was verified, 1 when any failed, 2 on a usage error.
 */
public final class CorpusBenchmark {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private CorpusBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the benchmark, the tables to {@code out} and progress to {@code err}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (BenchmarkConfig.wantsHelp(args)) {
            out.println(BenchmarkConfig.USAGE);
            return OK;
        }
        BenchmarkConfig config;
        List<String> notes = new ArrayList<>();
        List<Contender> contenders = new ArrayList<>();
        try {
            config = BenchmarkConfig.parse(args);
            contenders.addAll(kolmoContenders(config, notes));
            contenders.addAll(externalContenders(config, notes));
        } catch (IllegalArgumentException | UnsupportedFormatException e) {
            err.println("kolmo-bench: " + e.getMessage());
            err.println(BenchmarkConfig.USAGE);
            return USAGE;
        }
        try {
            CorpusFiles corpus = CorpusFiles.collect(config.paths(), config.maxBytes());
            if (contenders.isEmpty() || corpus.files().isEmpty()) {
                err.println("kolmo-bench: nothing to run (" + contenders.size() + " codecs, " + corpus.files().size()
                        + " files)");
                return USAGE;
            }
            notes.add(0, "command: `kolmo-bench " + String.join(" ", args) + "`");
            notes.add(1, "protocol: per file, every codec in turn; " + config.warmups() + " warm-up + " + config.runs()
                    + " timed runs each, median time reported; every run's output decompressed and compared"
                    + " byte for byte; MB = 10^6 bytes of original data");
            if (!corpus.skipped().isEmpty()) {
                notes.add("left out by --max-size: " + String.join(", ", corpus.skipped()));
            }
            Map<String, String> facts = MachineFacts.collect();
            Results results = new Harness(config.warmups(), config.runs(), err).run(corpus.files(), contenders);
            MarkdownReport.print(out, facts, notes, results);
            if (config.csv() != null) {
                CsvReport.write(config.csv(), results);
            }
            List<Measurement> failures = results.failures();
            for (Measurement f : failures) {
                err.println("kolmo-bench: FAILED " + f.contender() + " on " + f.file() + ": " + f.failure());
            }
            return failures.isEmpty() ? OK : FAILED;
        } catch (IOException e) {
            err.println("kolmo-bench: " + e.getMessage());
            return FAILED;
        }
    }

    private static List<Contender> kolmoContenders(BenchmarkConfig config, List<String> notes)
            throws UnsupportedFormatException {
        List<Contender> found = new ArrayList<>();
        if (config.codecs().isEmpty()) {
            for (CodecProvider p : Codecs.providers()) {
                if (p.availability().isAvailable()) {
                    found.add(kolmo(p.name(), config.level()));
                } else {
                    notes.add("not run: kolmo/" + p.name() + " (" + p.availability().reason() + ")");
                }
            }
            if (Codecs.providers().isEmpty()) {
                notes.add("no kolmo codec is installed on the class path");
            }
            return found;
        }
        for (String spec : config.codecs()) {
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            int level = colon < 0 ? config.level() : parseLevel(spec, spec.substring(colon + 1));
            found.add(kolmo(name, level));
        }
        return found;
    }

    private static Contender kolmo(String name, int level) throws UnsupportedFormatException {
        CodecOptions options = level == 0 ? CodecOptions.defaults() : CodecOptions.defaults().withLevel(level);
        return new KolmoContender("kolmo/" + name + (level == 0 ? "" : " -" + level), Codecs.get(name, options));
    }

    private static int parseLevel(String spec, String level) {
        try {
            int n = Integer.parseInt(level);
            if (n < 1 || n > 9) {
                throw new IllegalArgumentException("level must be 1..9 in --codecs " + spec);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--codecs takes NAME or NAME:LEVEL, not " + spec, e);
        }
    }

    private static List<Contender> externalContenders(BenchmarkConfig config, List<String> notes) {
        if (!config.external()) {
            return List.of();
        }
        List<ExternalTool> standard = ExternalTool.standard(config.tmp());
        List<String> known = standard.stream().map(ExternalTool::program).toList();
        for (String t : config.tools()) {
            if (!known.contains(t)) {
                throw new IllegalArgumentException("unknown tool " + t + " in --tools; known: " + known);
            }
        }
        List<Contender> found = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        for (ExternalTool tool : standard) {
            if (!config.tools().isEmpty() && !config.tools().contains(tool.program())) {
                continue;
            }
            if (tool.isInstalled()) {
                found.add(tool);
                versions.add(tool.version());
            } else {
                notes.add("not run: " + tool.name() + " (" + tool.program() + " is not on the PATH)");
            }
        }
        if (!versions.isEmpty()) {
            notes.add("external tools (stdin to stdout, single-threaded, times include process start): "
                    + versions.stream().collect(Collectors.joining("; ")));
        }
        return found;
    }
}
