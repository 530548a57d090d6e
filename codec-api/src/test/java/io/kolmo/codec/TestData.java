package io.kolmo.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/** Deterministic test inputs and access to the shared benchmark corpus, when present. */
public final class TestData {
    private TestData() {
    }

    /** The shared data directory ({@code kolmo.data.dir}), if it exists here. */
    public static Optional<Path> dataDir() {
        String dir = System.getProperty("kolmo.data.dir");
        if (dir == null) {
            return Optional.empty();
        }
        Path p = Path.of(dir);
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    /** Every file of the Canterbury corpus and its large/ part, smallest first; empty if absent. */
    public static List<Path> canterburyFiles() throws IOException {
        Optional<Path> dir = dataDir().map(d -> d.resolve("canterbury")).filter(Files::isDirectory);
        if (dir.isEmpty()) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir.get())) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        files.sort((a, b) -> {
            try {
                return Long.compare(Files.size(a), Files.size(b));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return files;
    }

    public static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Pseudo-English text: words drawn from a small vocabulary with a skewed distribution. */
    public static byte[] text(int n, long seed) {
        String[] words = ("the of and to in a is that for it as was with be by on not he this are or his from at"
                + " which but have an they you were her she there been one all we their has would when if so"
                + " compression model range coder byte stream frame predict context entropy information").split(" ");
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n + 16);
        while (sb.length() < n) {
            int i = (int) Math.min(words.length - 1, Math.abs(r.nextGaussian()) * words.length / 3);
            sb.append(words[i]);
            sb.append(r.nextInt(12) == 0 ? ".\n" : " ");
        }
        return sb.substring(0, n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public static byte[] run(int n, byte value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, value);
        return b;
    }
}
