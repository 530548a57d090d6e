package io.kolmo.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.testing.BitwiseTestCodec;
import io.kolmo.codec.stream.KolmoOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KolmoArchiveTest {
    private final Codec codec = new BitwiseTestCodec(CodecOptions.defaults());

    @TempDir
    Path tmp;

    private Path tree() throws IOException {
        Path root = tmp.resolve("project");
        Files.createDirectories(root.resolve("src/main/deep"));
        Files.createDirectories(root.resolve("empty-dir"));
        Files.writeString(root.resolve("README"), "hello kolmo\n".repeat(100));
        Files.write(root.resolve("src/main/deep/empty.txt"), new byte[0]);
        Path script = Files.writeString(root.resolve("src/run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Path secret = Files.writeString(root.resolve("src/secret"), "s");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(root.resolve("link-to-readme"), Path.of("README"));
        Files.setLastModifiedTime(root.resolve("README"), FileTime.fromMillis(1_600_000_000_000L));
        return root;
    }

    private byte[] archive(List<Path> paths) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KolmoArchive.create(out, codec, paths, n -> { });
        return out.toByteArray();
    }

    @Test
    void roundTripKeepsTreeModesTimesAndLinks() throws IOException {
        Path root = tree();
        byte[] packed = archive(List.of(root));
        Path out = tmp.resolve("out");
        KolmoArchive.extract(new ByteArrayInputStream(packed), out, n -> { });
        Path back = out.resolve("project");
        assertArrayEquals(Files.readAllBytes(root.resolve("README")), Files.readAllBytes(back.resolve("README")));
        assertEquals(0, Files.size(back.resolve("src/main/deep/empty.txt")));
        assertTrue(Files.isDirectory(back.resolve("empty-dir")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("src/run.sh"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("src/secret"))));
        assertTrue(Files.isSymbolicLink(back.resolve("link-to-readme")));
        assertEquals(Path.of("README"), Files.readSymbolicLink(back.resolve("link-to-readme")));
        assertEquals(FileTime.fromMillis(1_600_000_000_000L), Files.getLastModifiedTime(back.resolve("README")));
    }

    /**
     * An archive written by an earlier build ({@code kolmo a --codec cm -l 4}, build 0bd202e, of a tree
     * like {@link #tree()} with every time set to 2020-09-13 12:26:40 UTC) still lists and extracts.
     */
    @Test
    void anArchiveOfAnEarlierBuildListsAndExtracts() throws IOException {
        byte[] packed;
        try (var in = KolmoArchiveTest.class.getResourceAsStream("project-cm-level4.bin")) {
            packed = in.readAllBytes();
        }
        FileTime time = FileTime.fromMillis(1_600_000_000_000L);
        List<String> expected = List.of(
                "d0755\t0\t" + time + "\tproject/",
                "-0644\t1200\t" + time + "\tproject/README",
                "d0755\t0\t" + time + "\tproject/empty-dir/",
                "l0777\t0\t" + time + "\tproject/link-to-readme -> README",
                "d0755\t0\t" + time + "\tproject/src/",
                "d0755\t0\t" + time + "\tproject/src/main/",
                "d0755\t0\t" + time + "\tproject/src/main/deep/",
                "-0644\t0\t" + time + "\tproject/src/main/deep/empty.txt",
                "-0750\t18\t" + time + "\tproject/src/run.sh",
                "-0600\t1\t" + time + "\tproject/src/secret");
        assertEquals(expected, KolmoArchive.list(new ByteArrayInputStream(packed)).stream()
                .map(KolmoArchive.Entry::describe).toList());
        Path out = tmp.resolve("out");
        KolmoArchive.extract(new ByteArrayInputStream(packed), out, n -> { });
        Path back = out.resolve("project");
        assertEquals("hello kolmo\n".repeat(100), Files.readString(back.resolve("README")));
        assertEquals("#!/bin/sh\necho hi\n", Files.readString(back.resolve("src/run.sh")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("src/run.sh"))));
        assertEquals(Path.of("README"), Files.readSymbolicLink(back.resolve("link-to-readme")));
        assertEquals(0, Files.size(back.resolve("src/main/deep/empty.txt")));
        assertEquals(time, Files.getLastModifiedTime(back.resolve("src/secret")));
    }

    @Test
    void listAndTestSeeEveryEntry() throws IOException {
        byte[] packed = archive(List.of(tree()));
        List<KolmoArchive.Entry> listed = KolmoArchive.list(new ByteArrayInputStream(packed));
        assertTrue(listed.stream().anyMatch(e -> e.name().equals("project/src/main/deep/empty.txt") && e.size() == 0));
        assertTrue(listed.stream().anyMatch(e -> e.type() == 'l' && "README".equals(e.linkTarget())
                && (e.mode() & 0170000) == 0120000), "links are stored with tar's symlink type bits");
        assertTrue(listed.stream().anyMatch(e -> e.type() == 'd' && e.name().equals("project/empty-dir/")));
        assertEquals(listed, KolmoArchive.test(new ByteArrayInputStream(packed), n -> { }));
    }

    @Test
    void damageIsFoundByTestWithoutWriting() throws IOException {
        byte[] packed = archive(List.of(tree()));
        packed[packed.length / 2] ^= 1;
        assertThrows(CorruptedInputException.class, () -> KolmoArchive.test(new ByteArrayInputStream(packed), n -> { }));
    }

    private byte[] craftedArchive(TarArchiveEntry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (KolmoOutputStream kolmo = codec.newOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(kolmo)) {
            for (TarArchiveEntry e : entries) {
                byte[] body = "evil".getBytes(StandardCharsets.US_ASCII);
                boolean regular = !e.isSymbolicLink() && !e.isDirectory();
                if (regular) {
                    e.setSize(body.length);
                }
                tar.putArchiveEntry(e);
                if (regular) {
                    tar.write(body);
                }
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void refusesEntriesThatClimbOut() throws IOException {
        byte[] evil = craftedArchive(new TarArchiveEntry("../escaped.txt", true));
        Path out = tmp.resolve("x");
        IOException e = assertThrows(IOException.class,
                () -> KolmoArchive.extract(new ByteArrayInputStream(evil), out, n -> { }));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));
    }

    @Test
    void refusesEntriesThroughAnExtractedSymlink() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        TarArchiveEntry link = new TarArchiveEntry("link", TarArchiveEntry.LF_SYMLINK);
        link.setLinkName(outside.toString());
        byte[] evil = craftedArchive(link, new TarArchiveEntry("link/planted.txt", true));
        IOException e = assertThrows(IOException.class,
                () -> KolmoArchive.extract(new ByteArrayInputStream(evil), tmp.resolve("y"), n -> { }));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("planted.txt"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void refusesAbsoluteNames() throws IOException {
        byte[] evil = craftedArchive(new TarArchiveEntry("/tmp/abs.txt", true));
        assertThrows(IOException.class, () -> KolmoArchive.extract(new ByteArrayInputStream(evil), tmp.resolve("z"),
                n -> { }));
    }
    @Test
    void extractRefusesExistingFilesUnlessReplacing() throws IOException {
        byte[] packed = archive(List.of(tree()));
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("project"));
        Path readme = Files.writeString(out.resolve("project/README"), "mine");
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> KolmoArchive.extract(new ByteArrayInputStream(packed), out, n -> { }));
        assertEquals("mine", Files.readString(readme));
        try (var s = Files.list(out.resolve("project"))) {
            assertEquals(List.of(readme), s.toList(), "what was extracted before the refusal is removed again");
        }
        KolmoArchive.extract(new ByteArrayInputStream(packed), out, KolmoArchive.Existing.REPLACE, n -> { });
        assertEquals("hello kolmo\n".repeat(100), Files.readString(readme));
        assertTrue(Files.isSymbolicLink(out.resolve("project/link-to-readme")));
    }

    @Test
    void aTruncatedArchiveLeavesNothingBehind() throws IOException {
        byte[] packed = archive(List.of(tree()));
        Path out = tmp.resolve("out");
        byte[] cut = java.util.Arrays.copyOf(packed, packed.length - 2);
        assertThrows(java.io.EOFException.class, () -> KolmoArchive.extract(new ByteArrayInputStream(cut), out, n -> { }));
        assertFalse(Files.exists(out));
    }

    @Test
    void trailingBytesAfterTheArchiveAreRefused() throws IOException {
        byte[] packed = archive(List.of(tree()));
        byte[] longer = java.util.Arrays.copyOf(packed, packed.length + 1);
        CorruptedInputException e = assertThrows(CorruptedInputException.class,
                () -> KolmoArchive.test(new ByteArrayInputStream(longer), n -> { }));
        assertTrue(e.getMessage().contains("trailing garbage"), e.getMessage());
    }

    @Test
    void createSkipsWhatItIsTold() throws IOException {
        Path root = tree();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<KolmoArchive.Entry> written = KolmoArchive.create(out, codec, List.of(root),
                p -> p.getFileName().toString().equals("src"), n -> { });
        assertTrue(written.stream().noneMatch(e -> e.name().contains("src")), written.toString());
        assertEquals(written.stream().map(KolmoArchive.Entry::name).toList(),
                KolmoArchive.list(new ByteArrayInputStream(out.toByteArray())).stream()
                        .map(KolmoArchive.Entry::name).toList());
    }
}
