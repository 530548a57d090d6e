package io.kolmo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.Limits;
import io.kolmo.codec.TestData;
import io.kolmo.codec.format.FrameReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The kolmo command run in-process: files, flags, standard streams, damaged input and measure. */
class KolmoCliTest {
    private static final byte[] DATA = TestData.text(150_000, 81);
    /**
     * For tests that go through the default codec, which is the hybrid (model) codec where ONNX
     * Runtime runs: it decodes at a few hundred bytes per second on a busy CPU, so keep it small.
     */
    private static final byte[] SMALL = TestData.text(1_500, 82);

    @TempDir
    Path dir;

    /** One run of the command: its exit status and what it wrote. */
    record Result(int status, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private static Result kolmo(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Kolmo.run(new Console(new ByteArrayInputStream(stdin), out,
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
        return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    private static Result kolmo(String... args) {
        return kolmo(new byte[0], args);
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertOneLineError(Result r, int status, String... fragments) {
        assertEquals(status, r.status(), r.stderr());
        assertEquals(1, r.stderr().lines().count(), "one line: " + r.stderr());
        assertTrue(r.stderr().startsWith("kolmo"), r.stderr());
        for (String f : fragments) {
            assertTrue(r.stderr().contains(f), "'" + f + "' in: " + r.stderr());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deflate", "xz", "zstd", "order0"})
    void fileRoundTripReplacesEachFileByTheOther(String codec) throws IOException {
        Assumptions.assumeTrue(Codecs.availableNames().contains(codec), codec);
        Path src = file("notes.txt", DATA);
        FileTime mtime = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(src, mtime);

        assertEquals(0, kolmo("--codec", codec, src.toString()).status());
        assertEquals(List.of("notes.txt.kmo"), listing());
        assertEquals(mtime, Files.getLastModifiedTime(dir.resolve("notes.txt.kmo")), "mtime carried over");

        Result back = kolmo("-d", dir.resolve("notes.txt.kmo").toString());
        assertEquals(0, back.status(), back.stderr());
        assertEquals(List.of("notes.txt"), listing());
        assertArrayEquals(DATA, Files.readAllBytes(src));
        assertEquals(mtime, Files.getLastModifiedTime(src));
    }

    @Test
    void keepLeavesTheInput() throws IOException {
        Path src = file("a.txt", SMALL);
        assertEquals(0, kolmo("-k", src.toString()).status());
        assertEquals(List.of("a.txt", "a.txt.kmo"), listing());
        Files.delete(src);
        assertEquals(0, kolmo("-k", "-d", dir.resolve("a.txt.kmo").toString()).status());
        assertEquals(List.of("a.txt", "a.txt.kmo"), listing());
        assertArrayEquals(SMALL, Files.readAllBytes(src));
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path src = file("a.txt", SMALL);
        Path existing = file("a.txt.kmo", "precious".getBytes(StandardCharsets.UTF_8));
        assertOneLineError(kolmo(src.toString()), 1, "a.txt.kmo already exists", "-f");
        assertEquals("precious", Files.readString(existing));
        assertEquals(List.of("a.txt", "a.txt.kmo"), listing(), "input kept, no temporary file left");

        assertEquals(0, kolmo("-f", src.toString()).status());
        assertEquals(List.of("a.txt.kmo"), listing());
        assertArrayEquals(SMALL, Codecs.decompress(Files.readAllBytes(existing)));
    }

    @Test
    void stdoutFlagWritesTheStreamAndKeepsTheInput() throws IOException {
        Path src = file("a.txt", DATA);
        Result packed = kolmo("-c", "--codec", "deflate", src.toString());
        assertEquals(0, packed.status(), packed.stderr());
        assertEquals(List.of("a.txt"), listing());
        assertArrayEquals(DATA, Codecs.decompress(packed.stdout()));

        Path kmo = file("b.txt.kmo", packed.stdout());
        Result back = kolmo("-dc", kmo.toString());
        assertArrayEquals(DATA, back.stdout());
        assertTrue(Files.exists(kmo));
        assertFalse(Files.exists(dir.resolve("b.txt")));
    }

    @Test
    void theCodecsOwnLevelIsTheDefaultAndShortFormsSetIt() throws IOException {
        byte[] data = TestData.text(20_000, 83);
        assertArrayEquals(Codecs.get("deflate").compress(data), kolmo(data, "--codec", "deflate").stdout(),
                "no level option: the codec's own default");
        assertArrayEquals(Codecs.get("deflate", CodecOptions.defaults().withLevel(1)).compress(data),
                kolmo(data, "--codec", "deflate", "-1").stdout());
        assertArrayEquals(Codecs.get("deflate", CodecOptions.defaults().withLevel(9)).compress(data),
                kolmo(data, "-9", "--codec", "deflate").stdout());
        assertArrayEquals(Codecs.get("cm").compress(data), kolmo(data, "--codec", "cm").stdout());
    }

    @Test
    void frameSizeOptionSplitsTheStreamAndBadSizesAreRefused() throws IOException {
        byte[] data = TestData.text(20_000, 84);
        byte[] packed = kolmo(data, "--codec", "cm", "-1", "--frame-size", "4k").stdout();
        assertArrayEquals(Codecs.get("cm", CodecOptions.defaults().withLevel(1).withFrameSize(4096)).compress(data),
                packed);
        assertArrayEquals(data, kolmo(packed, "-d").stdout());
        for (String bad : new String[] {"0", "-5", "2g", "lots", "1t"}) {
            assertOneLineError(kolmo(data, "--codec", "cm", "--frame-size", bad), 2, "frame");
        }
    }

    @Test
    void stdinToStdoutBothWays() {
        Result packed = kolmo(DATA, "--codec", "order0");
        assertEquals(0, packed.status(), packed.stderr());
        assertTrue(packed.stdout().length < DATA.length);
        Result back = kolmo(packed.stdout(), "-d", "-");
        assertEquals(0, back.status(), back.stderr());
        assertArrayEquals(DATA, back.stdout());
    }

    private Path packed(String name, String codec) throws IOException {
        Path src = file(name, DATA);
        assertEquals(0, kolmo("--codec", codec, src.toString()).status());
        return dir.resolve(name + ".kmo");
    }

    @Test
    void corruptedInputFailsNamingTheProblemAndLeavesNoOutput() throws IOException {
        Path kmo = packed("a.txt", "deflate");
        byte[] bytes = Files.readAllBytes(kmo);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(kmo, bytes);
        assertOneLineError(kolmo("-d", kmo.toString()), 1, "a.txt.kmo", "corrupt input", "CRC32C", "offset");
        assertEquals(List.of("a.txt.kmo"), listing(), "no output, no temporary file, input kept");
    }

    @Test
    void truncatedInputFailsNamingTheProblemAndLeavesNoOutput() throws IOException {
        Path kmo = packed("a.txt", "xz");
        byte[] bytes = Files.readAllBytes(kmo);
        Files.write(kmo, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertOneLineError(kolmo("-d", kmo.toString()), 1, "truncated");
        assertEquals(List.of("a.txt.kmo"), listing());
    }

    @Test
    void trailingGarbageIsRefused() throws IOException {
        Path kmo = packed("a.txt", "order0");
        Files.write(kmo, new byte[] {'x'}, java.nio.file.StandardOpenOption.APPEND);
        assertOneLineError(kolmo("-d", kmo.toString()), 1, "trailing garbage");
        assertEquals(List.of("a.txt.kmo"), listing());
    }

    @Test
    void concatenatedStreamsDecodeLikeGzip() throws IOException {
        Path a = file("a.txt", DATA);
        Path b = file("b.txt", TestData.text(5_000, 83));
        Result both = kolmo("-c", "--codec", "deflate", a.toString(), b.toString());
        assertEquals(0, both.status(), both.stderr());
        ByteArrayOutputStream streams = new ByteArrayOutputStream();
        streams.write(both.stdout());
        streams.write(kolmo("-c", "--codec", "order0", a.toString()).stdout());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(DATA);
        expected.write(Files.readAllBytes(b));
        expected.write(DATA);
        Result back = kolmo(streams.toByteArray(), "-d");
        assertEquals(0, back.status(), back.stderr());
        assertArrayEquals(expected.toByteArray(), back.stdout());
    }

    @Test
    void symbolicLinksAreLeftAloneWithoutForce() throws IOException {
        Path target = file("a.txt", DATA);
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        assertOneLineError(kolmo(link.toString()), 1, "symbolic link");
        assertEquals(List.of("a.txt", "link.txt"), listing());
    }

    @Test
    void notAKolmoStream() throws IOException {
        Path kmo = file("a.txt.kmo", DATA);
        assertOneLineError(kolmo("-d", kmo.toString()), 1, "not a kolmo stream");
        assertOneLineError(kolmo(DATA, "-d"), 1, "stdin", "not a kolmo stream");
    }

    @Test
    void userErrorsAreOneLineWithTheirStatus() throws IOException {
        assertOneLineError(kolmo(dir.resolve("missing.txt").toString()), 1, "missing.txt", "no such file");
        assertOneLineError(kolmo("--codec", "nope", "f.txt"), 2, "unknown codec 'nope'", "deflate");
        assertOneLineError(kolmo("--level", "0", "f.txt"), 2, "level");
        assertOneLineError(kolmo("--bogus"), 2, "--bogus");
        assertOneLineError(kolmo(dir.toString()), 1, "is a directory");
        Path plain = file("plain.txt", DATA);
        assertOneLineError(kolmo("-d", plain.toString()), 1, "unknown suffix");
        Path kmo = file("x.kmo", DATA);
        assertOneLineError(kolmo(kmo.toString()), 1, "already has .kmo suffix");
    }

    @Test
    void oneBadFileDoesNotStopTheOthers() throws IOException {
        Path a = file("a.txt", SMALL);
        Result r = kolmo(dir.resolve("missing").toString(), a.toString());
        assertEquals(1, r.status());
        assertTrue(Files.exists(dir.resolve("a.txt.kmo")));
    }

    @Test
    void emptyFileRoundTrips() throws IOException {
        Path src = file("empty", new byte[0]);
        assertEquals(0, kolmo(src.toString()).status());
        assertEquals(0, kolmo("-d", dir.resolve("empty.kmo").toString()).status());
        assertEquals(0, Files.size(src));
    }

    @Test
    void helpDocumentsEveryMode() {
        Result r = kolmo("-h");
        assertEquals(0, r.status());
        for (String s : new String[] {"--codec", "-d", "-c", "-k", "-f", "measure", "codecs", "Exit status"}) {
            assertTrue(r.out().contains(s), s);
        }
    }

    @Test
    void codecsListsAvailabilityAndTheDefault() {
        Result r = kolmo("codecs");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("order0"));
        assertTrue(r.out().contains("available"));
        assertTrue(r.out().contains("default: chose"));
    }

    @Test
    void measurePrintsOneTabSeparatedLinePerFile() throws IOException {
        Path a = file("a.txt", DATA);
        Path b = file("b.txt", TestData.text(1000, 82));
        Result r = kolmo("measure", "--codec", "deflate", a.toString(), b.toString());
        assertEquals(0, r.status(), r.stderr());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size());
        String[] fields = lines.get(0).split("\t");
        assertEquals(4, fields.length, lines.get(0));
        assertEquals(a.toString(), fields[0]);
        assertEquals(String.valueOf(DATA.length), fields[1]);
        long bits = Long.parseLong(fields[2]);
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", (double) bits / DATA.length), fields[3]);
        assertTrue(fields[3].matches("\\d+\\.\\d{3}"), fields[3]);
        assertEquals(List.of("a.txt", "b.txt"), listing(), "measure writes nothing");
    }

    @Test
    void measureAgreesWithTheRealPayloadForOrder0() throws IOException {
        // Several frames, so the sum over frames is checked too.
        byte[] data = new byte[3_000_000];
        for (int i = 0; i < data.length; i += DATA.length) {
            System.arraycopy(DATA, 0, data, i, Math.min(DATA.length, data.length - i));
        }
        Path src = file("big.txt", data);
        Result m = kolmo("measure", "--codec", "order0", src.toString());
        long measured = Long.parseLong(m.out().trim().split("\t")[2]);

        assertEquals(0, kolmo("-k", "--codec", "order0", src.toString()).status());
        long payload = payloadBits(Files.readAllBytes(dir.resolve("big.txt.kmo")));
        assertTrue(Math.abs(measured - payload) <= payload / 1000, measured + " vs " + payload);
        assertEquals(payload, measured, "order0 measures exactly");
    }

    @Test
    void measureReadsStdinAndReportsMissingFiles() {
        Result r = kolmo(DATA, "measure", "--codec", "order0", "-", "missing-file");
        assertEquals(1, r.status());
        assertTrue(r.out().startsWith("-\t" + DATA.length + "\t"), r.out());
        assertOneLineError(r, 1, "missing-file", "no such file");
    }

    private static long payloadBits(byte[] stream) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream), Limits.defaults());
        reader.readHeader();
        long bits = 0;
        for (FrameReader.Frame f; (f = reader.next()) != null; ) {
            bits += 8L * f.payloadLength();
        }
        return bits;
    }
}
