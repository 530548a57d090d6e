package io.kolmo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.Codecs;
import io.kolmo.codec.TestData;
import io.kolmo.codec.stream.KolmoOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kolmo a, x, l, t and similarity run in-process; levels, -q, -h and the progress bar. */
class KolmoCliArchiveTest {
    private static final byte[] TEXT = TestData.text(150_000, 91);
    private static final FileTime OLD = FileTime.fromMillis(1_600_000_000_000L);
    private static final FileTime OLDER = FileTime.fromMillis(1_500_000_000_000L);

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    private static Result kolmo(boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Kolmo.run(new Console(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal), args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result kolmo(String... args) {
        return kolmo(false, args);
    }

    private static void assertOk(Result r) {
        assertEquals(0, r.status(), r.err());
    }

    private static void assertOneLineError(Result r, String... fragments) {
        assertEquals(1, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("kolmo"), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
        }
    }

    /** project/ with nested and empty directories, an empty file, modes, old times and symlinks. */
    private Path tree() throws IOException {
        Path root = dir.resolve("project");
        Files.createDirectories(root.resolve("src/main/deep"));
        Files.createDirectories(root.resolve("empty-dir"));
        Files.write(root.resolve("README"), TEXT);
        Files.write(root.resolve("src/main/deep/empty.txt"), new byte[0]);
        Path script = Files.writeString(root.resolve("src/run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Path secret = Files.writeString(root.resolve("src/secret"), "s");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(root.resolve("link-to-readme"), Path.of("README"));
        Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(OLDER, null, null);
        Files.createSymbolicLink(root.resolve("src/link-up"), Path.of("../README"));
        Files.setLastModifiedTime(root.resolve("README"), OLD);
        Files.setLastModifiedTime(root.resolve("src/main/deep"), OLDER);
        return root;
    }

    private Path archive(String codec) throws IOException {
        Path kar = dir.resolve("project.kar");
        assertOk(kolmo("a", "--codec", codec, kar.toString(), tree().toString()));
        return kar;
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            return s.map(p -> d.relativize(p).toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deflate", "order0"})
    void archiveRoundTripKeepsTreeModesTimesAndLinks(String codec) throws IOException {
        Path kar = archive(codec);
        Path out = dir.resolve("out");
        assertOk(kolmo("x", kar.toString(), "-C", out.toString()));

        Path src = dir.resolve("project");
        Path back = out.resolve("project");
        assertEquals(names(src), names(back));
        assertArrayEquals(TEXT, Files.readAllBytes(back.resolve("README")));
        assertEquals(0, Files.size(back.resolve("src/main/deep/empty.txt")));
        assertTrue(Files.isDirectory(back.resolve("empty-dir")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("src/run.sh"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("src/secret"))));
        assertEquals(Path.of("README"), Files.readSymbolicLink(back.resolve("link-to-readme")));
        assertEquals(Path.of("../README"), Files.readSymbolicLink(back.resolve("src/link-up")));
        assertEquals(OLD, Files.getLastModifiedTime(back.resolve("README")));
        assertEquals(OLDER, Files.getLastModifiedTime(back.resolve("src/main/deep")), "directory time restored last");
        assertEquals(OLDER, Files.getLastModifiedTime(back.resolve("link-to-readme"), LinkOption.NOFOLLOW_LINKS),
                "link's own time");
    }

    @Test
    void listShowsEveryEntryLikeTar() throws IOException {
        Path kar = archive("deflate");
        Result r = kolmo("l", kar.toString());
        assertOk(r);
        List<String> lines = r.out().lines().toList();
        assertEquals(11, lines.size(), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("-rwxr-x--- +18  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  project/src/run\\.sh")),
                r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("drwx") && l.endsWith("  project/empty-dir/")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("-rw-") && l.contains(" " + TEXT.length + "  ")
                && l.endsWith("project/README")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("l") && l.endsWith("project/link-to-readme -> README")),
                r.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains(" 0  ") && l.endsWith("project/src/main/deep/empty.txt")));

        Result verbose = kolmo("l", "-v", kar.toString());
        assertTrue(verbose.out().contains("11 entries, " + (TEXT.length + 19) + " bytes in " + Files.size(kar)),
                verbose.out());
        assertTrue(verbose.out().contains("bits/byte, deflate)"), verbose.out());
    }

    @Test
    void testVerifiesAndSaysOk() throws IOException {
        Path kar = archive("deflate");
        Result r = kolmo("t", kar.toString());
        assertOk(r);
        assertTrue(r.out().startsWith(kar + ": OK, 11 entries"), r.out());
        assertEquals("", r.err());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("project", "project.kar"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "t writes nothing");
        }
    }

    @Test
    void createRefusesAnExistingArchiveWithoutForceAndLeavesNothingBehind() throws IOException {
        Path kar = Files.writeString(dir.resolve("project.kar"), "precious");
        tree();
        assertOneLineError(kolmo("a", kar.toString(), dir.resolve("project").toString()), "project.kar already exists", "-f");
        assertEquals("precious", Files.readString(kar));

        assertOneLineError(kolmo("a", dir.resolve("new.kar").toString(), dir.resolve("project").toString(),
                dir.resolve("missing").toString()), "missing", "no such file");
        assertFalse(Files.exists(dir.resolve("new.kar")));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }

        assertOk(kolmo("a", "-f", "--codec", "deflate", kar.toString(), dir.resolve("project").toString()));
        assertOk(kolmo("t", kar.toString()));
    }

    @Test
    void anArchiveInsideTheTreeLeavesItselfOut() throws IOException {
        Path root = tree();
        Path kar = root.resolve("self.kar");
        assertOk(kolmo("a", "--codec", "deflate", kar.toString(), root.toString()));
        assertOk(kolmo("a", "-f", "--codec", "deflate", kar.toString(), root.toString()));
        Result r = kolmo("l", kar.toString());
        assertFalse(r.out().contains("self.kar"), r.out());
        assertFalse(r.out().contains(".tmp"), r.out());
    }

    @Test
    void extractRefusesExistingFilesUnlessForced() throws IOException {
        Path kar = archive("deflate");
        Path out = Files.createDirectories(dir.resolve("out/project"));
        Path readme = Files.writeString(out.resolve("README"), "mine");
        Result refused = kolmo("x", kar.toString(), "-C", dir.resolve("out").toString());
        assertOneLineError(refused, "README already exists", "-f");
        assertEquals("mine", Files.readString(readme));
        assertEquals(List.of("", "project", "project/README"), names(dir.resolve("out")), "nothing else left behind");

        assertOk(kolmo("x", "-f", kar.toString(), "-C", dir.resolve("out").toString()));
        assertArrayEquals(TEXT, Files.readAllBytes(readme));
    }

    private Path damaged(Path kar, String name, byte[] bytes) throws IOException {
        return Files.write(kar.resolveSibling(name), bytes);
    }

    @Test
    void corruptedArchiveFailsTestAndExtractNamingTheProblem() throws IOException {
        Path kar = archive("deflate");
        byte[] bytes = Files.readAllBytes(kar);
        bytes[bytes.length / 2] ^= 0x20;
        Path bad = damaged(kar, "bad-flipped-bit.kar", bytes);

        assertOneLineError(kolmo("t", bad.toString()), "bad-flipped-bit.kar", "corrupt input", "CRC32C");
        assertOneLineError(kolmo("l", bad.toString()), "corrupt input");
        Path out = dir.resolve("out");
        assertOneLineError(kolmo("x", bad.toString(), "-C", out.toString()), "corrupt input");
        assertFalse(Files.exists(out), "nothing extracted from a damaged archive");
    }

    @Test
    void truncatedArchiveFailsTestAndExtractNamingTheProblem() throws IOException {
        Path kar = archive("deflate");
        byte[] bytes = Files.readAllBytes(kar);
        for (int cut : new int[] {bytes.length - 3, bytes.length / 2, 20}) {
            Path bad = damaged(kar, "bad-truncated.kar", Arrays.copyOf(bytes, cut));
            assertOneLineError(kolmo("t", bad.toString()), "bad-truncated.kar", "truncated");
            Path out = dir.resolve("out");
            assertOneLineError(kolmo("x", bad.toString(), "-C", out.toString()), "truncated");
            assertFalse(Files.exists(out), "nothing extracted from a truncated archive");
        }
    }

    @Test
    void trailingGarbageAndNonArchivesAreRefused() throws IOException {
        Path kar = archive("deflate");
        Files.write(kar, new byte[] {'x'}, StandardOpenOption.APPEND);
        assertOneLineError(kolmo("t", kar.toString()), "trailing garbage");
        Path plain = Files.writeString(dir.resolve("plain.kar"), "not an archive at all");
        assertOneLineError(kolmo("t", plain.toString()), "plain.kar", "not a kolmo stream");
        assertOneLineError(kolmo("x", dir.resolve("missing.kar").toString()), "missing.kar", "no such file");
    }

    @Test
    void extractRefusesPathTraversal() throws IOException {
        Path evil = dir.resolve("evil.kar");
        try (OutputStream file = Files.newOutputStream(evil);
                KolmoOutputStream kolmo = Codecs.get("deflate").newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(kolmo)) {
            byte[] body = "planted".getBytes(StandardCharsets.US_ASCII);
            for (String name : new String[] {"fine.txt", "../x"}) {
                TarArchiveEntry e = new TarArchiveEntry(name, true);
                e.setSize(body.length);
                tar.putArchiveEntry(e);
                tar.write(body);
                tar.closeArchiveEntry();
            }
        }
        Path out = dir.resolve("out");
        assertOneLineError(kolmo("x", evil.toString(), "-C", out.toString()), "evil.kar", "'../x'", "outside");
        assertFalse(Files.exists(dir.resolve("x")));
        assertFalse(Files.exists(out), "the entry before it is removed again");
        assertTrue(kolmo("l", evil.toString()).out().contains("../x"), "listing shows it, harmlessly");
    }

    @Test
    void similarityIsSmallForIdenticalFilesAndLargeForUnrelated() throws IOException {
        Path a = Files.write(dir.resolve("a.txt"), TEXT);
        Path same = Files.write(dir.resolve("same.txt"), TEXT);
        byte[] noise = new byte[TEXT.length];
        new Random(5).nextBytes(noise);
        Path random = Files.write(dir.resolve("random.bin"), noise);

        Result near = kolmo("similarity", "--codec", "order0", a.toString(), same.toString());
        assertOk(near);
        assertTrue(near.out().matches("\\d\\.\\d{4}\\R"), near.out());
        Result close = kolmo("similarity", "--codec", "xz", a.toString(), same.toString());
        Result far = kolmo("similarity", "--codec", "xz", a.toString(), random.toString());
        double dClose = Double.parseDouble(close.out().trim());
        double dFar = Double.parseDouble(far.out().trim());
        assertTrue(dClose < 0.1, close.out());
        assertTrue(dFar > 0.8, far.out());

        Result verbose = kolmo("similarity", "-v", "--codec", "xz", a.toString(), random.toString());
        List<String> lines = verbose.out().lines().toList();
        assertEquals(far.out().trim(), lines.get(0));
        assertTrue(lines.get(1).startsWith("C(A)  = ") && lines.get(1).contains("a.txt"), verbose.out());
        assertTrue(lines.get(2).startsWith("C(B)  = ") && lines.get(2).contains("random.bin"), verbose.out());
        assertTrue(lines.get(3).startsWith("C(AB) = "), verbose.out());
        assertEquals("codec xz", lines.get(4));

        assertOneLineError(kolmo("similarity", a.toString(), dir.resolve("nope").toString()), "nope", "no such file");
        Result badCodec = kolmo("similarity", "--codec", "nope", a.toString(), same.toString());
        assertEquals(2, badCodec.status(), badCodec.err());
    }

    @Test
    void levelsMinusOneToNineAreAccepted() throws IOException {
        Path src = Files.write(dir.resolve("a.txt"), TEXT);
        assertOk(kolmo("-c", "-1", "--codec", "deflate", src.toString()));
        Result fast = kolmo("-k", "-1", "--codec", "deflate", src.toString());
        assertOk(fast);
        long fastSize = Files.size(dir.resolve("a.txt.kmo"));
        assertOk(kolmo("-kf9", "--codec", "deflate", src.toString()));
        long smallSize = Files.size(dir.resolve("a.txt.kmo"));
        assertTrue(smallSize < fastSize, smallSize + " < " + fastSize);
        assertArrayEquals(TEXT, Codecs.decompress(Files.readAllBytes(dir.resolve("a.txt.kmo"))));

        tree();
        for (String level : new String[] {"-1", "-5", "-9"}) {
            Path kar = dir.resolve("l" + level + ".kar");
            assertOk(kolmo("a", level, "--codec", "deflate", kar.toString(), dir.resolve("project").toString()));
            assertOk(kolmo("t", "-q", kar.toString()));
        }
        assertOk(kolmo("similarity", "-9", "--codec", "deflate", src.toString(), src.toString()));
        assertEquals(2, kolmo("a", "--level", "10", dir.resolve("z.kar").toString(), src.toString()).status());
    }

    @Test
    void quietSilencesReportsAndVerboseReportsRatioAndSpeed() throws IOException {
        Path src = Files.write(dir.resolve("a.txt"), TEXT);
        Result verbose = kolmo("-k", "-v", "--codec", "deflate", src.toString());
        assertOk(verbose);
        assertTrue(verbose.err().matches("kolmo: .*a\\.txt: 150000 -> \\d+ bytes, ratio \\d+\\.\\d{3}, "
                + "\\d\\.\\d{3} bits/byte, \\d+\\.\\d\\d MiB/s \\(deflate\\)\\R"), verbose.err());
        Result back = kolmo("-dc", "-v", dir.resolve("a.txt.kmo").toString());
        assertTrue(back.err().contains(Files.size(dir.resolve("a.txt.kmo")) + " -> 150000 bytes"), back.err());

        Result quiet = kolmo(true, "-kf", "-q", "-v", "--codec", "deflate", src.toString());
        assertOk(quiet);
        assertEquals("", quiet.err());

        tree();
        Path kar = dir.resolve("p.kar");
        Result a = kolmo(true, "-q", "a", "-v", "--codec", "deflate", kar.toString(), dir.resolve("project").toString());
        assertOk(a);
        assertEquals("", a.err() + a.out());
        Result t = kolmo("t", "-q", kar.toString());
        assertEquals("", t.err() + t.out());
        Result x = kolmo(true, "x", "-q", kar.toString(), "-C", dir.resolve("out").toString());
        assertOk(x);
        assertEquals("", x.err() + x.out());

        Result loud = kolmo("a", "-v", "--codec", "deflate", dir.resolve("q.kar").toString(), dir.resolve("project").toString());
        assertTrue(loud.err().contains("project/src/run.sh"), loud.err());
        assertTrue(loud.err().contains("11 entries, " + (TEXT.length + 19) + " -> "), loud.err());
        assertTrue(loud.err().contains("bits/byte"), loud.err());
    }

    @Test
    void progressBarOnlyOnATerminalAndNeverWithQuiet() throws IOException {
        // Random bytes: the archive, too, is large enough for a bar.
        byte[] big = new byte[3 << 20];
        new Random(7).nextBytes(big);
        Path src = Files.write(dir.resolve("big.txt"), big);
        Result shown = kolmo(true, "-k", "--codec", "deflate", src.toString());
        assertOk(shown);
        assertTrue(shown.err().contains("KiB"), shown.err());
        assertTrue(shown.err().contains("%"), shown.err());

        Result piped = kolmo(false, "-kf", "--codec", "deflate", src.toString());
        assertEquals("", piped.err());
        Result quiet = kolmo(true, "-kfq", "--codec", "deflate", src.toString());
        assertEquals("", quiet.err());

        Result archived = kolmo(true, "a", "--codec", "deflate", dir.resolve("big.kar").toString(), src.toString());
        assertOk(archived);
        assertTrue(archived.err().contains("KiB"), archived.err());
        Result tested = kolmo(true, "t", dir.resolve("big.kar").toString());
        assertOk(tested);
        assertTrue(tested.err().contains("KiB"), tested.err());
    }

    @Test
    void helpOfEachCommandDocumentsItsOptions() {
        String[][] expected = {
            {"a", "ARCHIVE", "PATH", "--codec", "--level", "-1 ... -9", "-f", "-v", "-q", "atomic"},
            {"x", "ARCHIVE", "-C", "DIR", "-f", "-v", "-q", "outside"},
            {"l", "ARCHIVE", "-v", "-q", "symbolic links"},
            {"t", "ARCHIVE", "-v", "-q", "CRC32C"},
            {"similarity", "--codec", "--level", "-v", "-q", "NCD"},
        };
        for (String[] command : expected) {
            Result r = kolmo(command[0], "-h");
            assertOk(r);
            for (int i = 1; i < command.length; i++) {
                assertTrue(r.out().contains(command[i]), command[0] + " -h mentions " + command[i] + ":\n" + r.out());
            }
        }
        Result main = kolmo("-h");
        for (String s : new String[] {" a ", " x ", " l ", " t ", "similarity", "-q", "-v", "-1 ... -9", "progress"}) {
            assertTrue(main.out().contains(s), s + " in:\n" + main.out());
        }
    }
}
