package io.kolmo.benchmarks.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusBenchmarkTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void corpus() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "the quick brown fox jumps over the lazy dog\n".repeat(50));
        Files.createDirectories(dir.resolve("sub"));
        byte[] noise = new byte[3000];
        new Random(1).nextBytes(noise);
        Files.write(dir.resolve("sub/noise.bin"), noise);
        Files.write(dir.resolve("empty"), new byte[0]);
    }

    private int run(String... args) {
        return CorpusBenchmark.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tableHasARowPerFileAndATotal() {
        int status = run("--codecs", CopyTestCodec.NAME, "--no-external", "--runs", "2", "--warmup", "1",
                dir.toString());

        assertEquals(CorpusBenchmark.OK, status, err.toString(StandardCharsets.UTF_8));
        String table = output();
        for (String file : List.of("a.txt", "empty", "sub/noise.bin", "TOTAL")) {
            assertTrue(table.contains("| " + file + " | kolmo/" + CopyTestCodec.NAME + " | "), file + " in\n" + table);
        }
        assertTrue(table.contains("| TOTAL | kolmo/test-copy | 5200 | "), table);
        assertTrue(table.contains("## Bits per byte"), table);
        assertTrue(table.contains("| cores |"), table);
        assertFalse(table.contains("FAILED"), table);
    }

    @Test
    void roundTripFailureIsReportedAndFailsTheTotal() throws IOException {
        CorpusFiles corpus = CorpusFiles.collect(List.of(dir), Long.MAX_VALUE);
        Results results = new Harness(0, 1, new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(corpus.files(), List.of(new KolmoContender("broken", CopyTestCodec.broken())));

        List<Measurement> failures = results.failures();
        assertEquals(2, failures.size(), "both non-empty files fail: " + failures);
        assertTrue(failures.get(0).failure().contains("ROUND TRIP FAILED"), failures.get(0).failure());
        assertTrue(failures.get(0).failure().contains("offset 1100"), failures.get(0).failure());
        assertFalse(results.total("broken").ok());

        MarkdownReport.print(new PrintStream(out, true, StandardCharsets.UTF_8), Map.of(), List.of(), results);
        assertTrue(output().contains("## FAILURES"), output());
        assertTrue(output().contains("| TOTAL | broken | 5200 | **FAILED** |"), output());
    }

    @Test
    void externalToolRoundTripsAndReportsPeakRss() {
        assumeTrue(Files.isExecutable(Path.of("/bin/gzip")) || Files.isExecutable(Path.of("/usr/bin/gzip")),
                "gzip is not installed");
        int status = run("--codecs", CopyTestCodec.NAME, "--tools", "gzip", "--runs", "1", "--tmp", dir.toString(),
                dir.resolve("a.txt").toString());

        assertEquals(CorpusBenchmark.OK, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(output().contains("| a.txt | gzip -9 | 2200 | "), output());
        if (Files.isExecutable(Path.of("/usr/bin/time"))) {
            assertTrue(output().matches("(?s).*\\| a\\.txt \\| gzip -9 \\|.* rss \\|.*"), output());
        }
        assertTrue(output().contains("TOTAL size relative to xz -9e") || output().contains("No xz -9e TOTAL"),
                output());
    }

    @Test
    void sizeCapLeavesFilesOutAndCsvHasEveryRow() throws IOException {
        Path csv = dir.resolve("out.csv");
        int status = run("--codecs", CopyTestCodec.NAME, "--no-external", "--runs", "1", "--max-size", "2500",
                "--csv", csv.toString(), dir.resolve("a.txt").toString(), dir.resolve("sub").toString());

        assertEquals(CorpusBenchmark.OK, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(output().contains("left out by --max-size: noise.bin (3000 bytes > cap 2500)"), output());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), "header, a.txt, TOTAL: " + lines);
        assertTrue(lines.get(1).startsWith("a.txt,kolmo/test-copy,2200,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("TOTAL,kolmo/test-copy,2200,"), lines.get(2));
    }

    @Test
    void unknownCodecIsAUsageError() {
        assertEquals(CorpusBenchmark.USAGE, run("--codecs", "no-such-codec", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown codec 'no-such-codec'"));
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(3, Harness.median(new long[] {9, 1, 3}));
        assertEquals(5, Harness.median(new long[] {8, 2, 4, 6}));
    }
}
