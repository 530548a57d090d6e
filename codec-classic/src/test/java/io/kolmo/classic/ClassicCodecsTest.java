package io.kolmo.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CodecProvider;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.TestData;
import io.kolmo.codec.UnsupportedFormatException;
import io.kolmo.codec.format.StreamHeader;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What the four classic codecs share: registration, header handling and levels. */
class ClassicCodecsTest {
    private static final Map<String, Integer> IDS = Map.of("deflate", 1, "xz", 2, "zstd", 3, "order0", 4);

    @Test
    void registeredUnderTheirNamesAndIds() {
        IDS.forEach((name, id) -> {
            CodecProvider p = Codecs.provider(name).orElseThrow(() -> new AssertionError(name + " not registered"));
            assertEquals(id, p.id());
            assertSame(p, Codecs.provider(id).orElseThrow());
            assertTrue(!p.description().isBlank());
        });
    }

    private static Codec available(String name, CodecOptions options) throws IOException {
        Assumptions.assumeTrue(Codecs.provider(name).orElseThrow().availability().isAvailable(), name);
        return Codecs.get(name, options);
    }

    @Test
    void streamsWithParametersAreRefusedAsNewer() throws IOException {
        for (String name : IDS.keySet()) {
            Codec codec = available(name, CodecOptions.defaults());
            StreamHeader header = new StreamHeader(codec.id(), codec.frameSize(), new byte[0], new byte[] {1});
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                    () -> codec.forStream(header));
            assertTrue(e.getMessage().contains("newer"), e.getMessage());
        }
    }

    @Test
    void forStreamTakesTheFrameSizeFromTheHeader() throws IOException {
        for (String name : IDS.keySet()) {
            Codec codec = available(name, CodecOptions.defaults());
            assertSame(codec, codec.forStream(new StreamHeader(codec.id(), codec.frameSize(), new byte[0], new byte[0])));
            assertEquals(4096, codec.forStream(new StreamHeader(codec.id(), 4096, new byte[0], new byte[0])).frameSize());
        }
    }

    @Test
    void framesLargerThanAnyEncoderWritesAreRefused() throws IOException {
        for (String name : IDS.keySet()) {
            Codec codec = available(name, CodecOptions.defaults());
            StreamHeader header = new StreamHeader(codec.id(), CodecOptions.MAX_FRAME_SIZE + 1, new byte[0], new byte[0]);
            assertThrows(UnsupportedFormatException.class, () -> codec.forStream(header));
        }
    }

    @Test
    void everyLevelWritesAStreamTheRegistryReads() throws IOException {
        byte[] data = TestData.text(30_000, 71);
        for (String name : IDS.keySet()) {
            for (int level = 1; level <= 9; level++) {
                Codec codec = available(name, CodecOptions.defaults().withLevel(level));
                assertArrayEquals(data, Codecs.decompress(codec.compress(data)), name + " level " + level);
            }
        }
    }
}
