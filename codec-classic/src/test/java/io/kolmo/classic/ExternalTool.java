package io.kolmo.classic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs a reference command-line tool (gzip, xz, zstd) for cross-checks; skips the test if absent. */
public final class ExternalTool {
    private ExternalTool() {
    }

    /** Skips the calling test unless {@code name} is on the PATH. */
    public static void assumeInstalled(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean found = false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                found = true;
                break;
            }
        }
        Assumptions.assumeTrue(found, name + " is not installed");
    }

    /** Runs {@code command} with {@code input} on stdin; returns stdout, failing on a non-zero exit. */
    public static byte[] run(byte[] input, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(input);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue());
        }
        return out.join();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
