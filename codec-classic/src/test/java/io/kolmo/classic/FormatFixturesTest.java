package io.kolmo.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Streams written by earlier builds keep decoding: one stream per classic codec (and per cm model
 * set), written once and kept under {@code src/test/resources/io/kolmo/classic/fixtures}, must decode
 * to the input they were made from. For kolmo's own formats (order0, cm) the encoder must also still
 * write those bytes exactly; when one of them changes on purpose, its format version goes up, the
 * old fixtures stay (and keep decoding), and new ones are added for the new version with
 * {@link #main}:
 *
 * <pre>
 * ./mvnw -q -o -pl codec-classic -am test-compile
 * java -cp "codec-classic/target/test-classes:codec-classic/target/classes:codec-api/target/test-classes:\
 * codec-api/target/classes:$(cat /tmp/cp)" io.kolmo.classic.FormatFixturesTest codec-classic/src/test/resources/io/kolmo/classic/fixtures
 * </pre>
 * (with {@code /tmp/cp} from {@code ./mvnw -q -o -pl codec-classic dependency:build-classpath -Dmdep.outputFile=/tmp/cp}).
 * deflate, xz and zstd streams are checked for decoding only: their libraries may write other
 * (equally valid) bytes in later versions.
 */
public class FormatFixturesTest {
    /** Two frames of 4 KiB: text, random bytes and a run, so every kind of model and the frame index are used. */
    private static final int FRAME_SIZE = 4096;
    /** CRC-32 of {@link #input()}: a change to TestData would otherwise look like a format change. */
    private static final long INPUT_CRC = 0xa8119423L;

    public static byte[] input() {
        byte[] text = TestData.text(5_000, 7);
        byte[] random = TestData.random(1_500, 8);
        byte[] run = TestData.run(700, (byte) 'x');
        byte[] all = new byte[text.length + random.length + run.length];
        System.arraycopy(text, 0, all, 0, text.length);
        System.arraycopy(random, 0, all, text.length, random.length);
        System.arraycopy(run, 0, all, text.length + random.length, run.length);
        return all;
    }

    /** Fixture name -> codec options; the names say codec, format version and level. */
    static Map<String, Codec> codecs() throws IOException {
        Map<String, Codec> m = new LinkedHashMap<>();
        CodecOptions o = CodecOptions.defaults().withFrameSize(FRAME_SIZE);
        m.put("order0", Codecs.get("order0", o));
        for (int level : new int[] {1, 4, 6, 9}) {
            m.put("cm-v3-level" + level, Codecs.get("cm", o.withLevel(level)));
        }
        m.put("deflate", Codecs.get("deflate", o));
        m.put("xz", Codecs.get("xz", o));
        if (Codecs.provider("zstd").orElseThrow().availability().isAvailable()) {
            m.put("zstd", Codecs.get("zstd", o));
        }
        return m;
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = FormatFixturesTest.class.getResourceAsStream("fixtures/" + name + ".bin")) {
            assertNotNull(in, "fixture " + name + ".bin is missing");
            return in.readAllBytes();
        }
    }

    @Test
    void theInputIsTheOneTheFixturesWereMadeFrom() {
        CRC32 crc = new CRC32();
        crc.update(input());
        assertEquals(INPUT_CRC, crc.getValue(), "TestData changed: the fixtures need their old input back");
    }

    @Test
    void streamsOfEarlierBuildsDecode() throws IOException {
        byte[] data = input();
        // every fixture codecs() names (zstd only where its native library loads)
        for (String name : codecs().keySet()) {
            assertArrayEquals(data, Codecs.decompress(fixture(name)), name);
        }
    }

    @Test
    void kolmosOwnFormatsAreWrittenByteForByteAsBefore() throws IOException {
        byte[] data = input();
        for (Map.Entry<String, Codec> e : codecs().entrySet()) {
            String name = e.getKey();
            if (name.startsWith("order0") || name.startsWith("cm")) {
                assertArrayEquals(fixture(name), e.getValue().compress(data),
                        name + ": the encoder writes other bytes; if on purpose, raise the format version");
            }
        }
    }

    /** Writes the fixtures into directory {@code args[0]} (see the class comment). */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        byte[] data = input();
        CRC32 crc = new CRC32();
        crc.update(data);
        System.out.printf("input %d bytes, CRC-32 0x%08x%n", data.length, crc.getValue());
        for (Map.Entry<String, Codec> e : codecs().entrySet()) {
            byte[] stream = e.getValue().compress(data);
            Files.write(dir.resolve(e.getKey() + ".bin"), stream);
            System.out.println(e.getKey() + ": " + stream.length + " bytes");
        }
    }
}
