package io.kolmo.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each classic decoder on its own, without the container's checksums: a payload must fill its frame
 * exactly. Named after the defect each case plants.
 */
class BlockDefectsTest {
    private static final byte[] DATA = TestData.text(20_000, 21);

    private static Codec codec(String name) throws IOException {
        Assumptions.assumeTrue(Codecs.provider(name).orElseThrow().availability().isAvailable(), name);
        return Codecs.get(name);
    }

    private static byte[] encode(Codec codec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BlockEncoder encoder = codec.newEncoder()) {
            encoder.encode(DATA, 0, DATA.length, out);
        }
        return out.toByteArray();
    }

    private static void decode(Codec codec, byte[] payload, int length) throws IOException {
        byte[] dst = new byte[length + 10];
        try (BlockDecoder decoder = codec.newDecoder()) {
            decoder.decode(payload, 0, payload.length, dst, 5, length);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deflate", "xz", "zstd", "order0"})
    void intactPayloadDecodesAtAnOffset(String name) throws IOException {
        Codec codec = codec(name);
        byte[] payload = encode(codec);
        byte[] padded = new byte[payload.length + 7];
        System.arraycopy(payload, 0, padded, 3, payload.length);
        byte[] dst = new byte[DATA.length + 2];
        try (BlockDecoder decoder = codec.newDecoder()) {
            decoder.decode(padded, 3, payload.length, dst, 1, DATA.length);
            // A decoder serves many frames: the second must not see the first's state.
            decoder.decode(padded, 3, payload.length, dst, 1, DATA.length);
        }
        assertArrayEquals(DATA, Arrays.copyOfRange(dst, 1, 1 + DATA.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deflate", "xz", "zstd", "order0"})
    void trailingByteAfterPayload(String name) throws IOException {
        Codec codec = codec(name);
        byte[] payload = Arrays.copyOf(encode(codec), encode(codec).length + 1);
        CorruptedInputException e = assertThrows(CorruptedInputException.class, () -> decode(codec, payload, DATA.length));
        assertTrue(e.getMessage().contains("trailing") || e.getMessage().contains("invalid"), e.getMessage());
    }

    // order0 is left out of the cases below: a range-coded payload cut short, or decoded into a
    // frame of another length, can yield plausible bytes, and only the container's CRC32C can tell.
    @ParameterizedTest
    @ValueSource(strings = {"deflate", "xz", "zstd"})
    void frameLongerThanPayloadDecodesTo(String name) throws IOException {
        Codec codec = codec(name);
        byte[] payload = encode(codec);
        assertThrows(CorruptedInputException.class, () -> decode(codec, payload, DATA.length + 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deflate", "xz", "zstd"})
    void frameShorterThanPayloadDecodesTo(String name) throws IOException {
        Codec codec = codec(name);
        byte[] payload = encode(codec);
        CorruptedInputException e = assertThrows(CorruptedInputException.class,
                () -> decode(codec, payload, DATA.length - 1));
        assertTrue(e.getMessage().contains("more than") || e.getMessage().contains("invalid"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"deflate", "xz", "zstd"})
    void payloadEndsEarly(String name) throws IOException {
        Codec codec = codec(name);
        byte[] full = encode(codec);
        for (int cut : new int[] {1, 2, full.length / 2, full.length - 1}) {
            byte[] payload = Arrays.copyOf(full, cut);
            assertThrows(CorruptedInputException.class, () -> decode(codec, payload, DATA.length), "cut at " + cut);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deflate", "xz", "zstd", "order0"})
    void garbagePayloadNeverEscapesAsUncheckedException(String name) throws IOException {
        Codec codec = codec(name);
        for (int seed = 0; seed < 50; seed++) {
            byte[] garbage = TestData.random(1 + seed * 37, seed);
            try {
                decode(codec, garbage, 1000);
            } catch (CorruptedInputException expected) {
                // The only acceptable failure; order0 may also "succeed" with nonsense the CRC catches.
            }
        }
    }
}
