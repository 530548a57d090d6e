package io.kolmo.benchmarks.corpus;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes every measurement and every TOTAL as CSV (RFC 4180 quoting), for plotting and diffing. */
final class CsvReport {
    private static final String HEADER = "file,codec,original_bytes,compressed_bytes,bits_per_byte,compress_mb_s,"
            + "decompress_mb_s,compress_ns,decompress_ns,peak_memory_bytes,memory_kind,failure";

    private CsvReport() {
    }

    static void write(Path path, Results results) throws IOException {
        List<Measurement> rows = new ArrayList<>();
        for (String file : results.files()) {
            for (String contender : results.contenders()) {
                results.get(file, contender).ifPresent(rows::add);
            }
        }
        results.contenders().forEach(c -> rows.add(results.total(c)));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8))) {
            out.print(HEADER + "\r\n");
            for (Measurement m : rows) {
                out.print(String.join(",", quote(m.file()), quote(m.contender()), Long.toString(m.originalBytes()),
                        m.ok() ? Long.toString(m.compressedBytes()) : "",
                        number(m.bitsPerByte()), number(m.compressMBps()), number(m.decompressMBps()),
                        m.ok() ? Long.toString(m.compressNanos()) : "", m.ok() ? Long.toString(m.decompressNanos()) : "",
                        m.peakMemory().map(p -> Long.toString(p.bytes())).orElse(""),
                        m.peakMemory().map(Contender.MemoryPeak::kind).orElse(""),
                        m.ok() ? "" : quote(m.failure())) + "\r\n");
            }
        }
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
    }

    private static String quote(String s) {
        return s.matches("[^\",\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
