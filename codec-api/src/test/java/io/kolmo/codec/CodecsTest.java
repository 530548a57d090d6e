package io.kolmo.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.stream.KolmoInputStream;
import io.kolmo.codec.format.StreamHeader;
import io.kolmo.codec.testing.BitwiseTestCodec;
import io.kolmo.codec.testing.UnavailableModelCodecProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CodecsTest {
    @Test
    void findsProvidersByNameAndId() {
        assertEquals(BitwiseTestCodec.ID, Codecs.provider("TEST-BITS").orElseThrow().id());
        assertEquals(BitwiseTestCodec.NAME, Codecs.provider(BitwiseTestCodec.ID).orElseThrow().name());
        assertTrue(Codecs.availableNames().contains(BitwiseTestCodec.NAME));
    }

    @Test
    void aStreamWhoseModelDidNotLoadNamesTheModelItNeeds() {
        byte[] id = new byte[32];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) (0xa0 + i);
        }
        StreamHeader withModel = new StreamHeader(UnavailableModelCodecProvider.ID, 1024, id, new byte[0]);
        ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> Codecs.forHeader(withModel, null));
        assertEquals(withModel.modelIdHex(), e.expectedModelId());
        assertTrue(e.getMessage().contains(withModel.modelIdHex()) && e.getMessage().contains(
                UnavailableModelCodecProvider.REASON), e.getMessage());
        assertTrue(e.getCause() instanceof java.io.FileNotFoundException, String.valueOf(e.getCause()));

        StreamHeader noModel = new StreamHeader(UnavailableModelCodecProvider.ID, 1024, new byte[0], new byte[0]);
        UnsupportedFormatException plain = assertThrows(UnsupportedFormatException.class,
                () -> Codecs.forHeader(noModel, null));
        assertTrue(!(plain instanceof ModelMismatchException) && plain.getMessage().contains("not available"),
                plain.getMessage());
    }

    @Test
    void unknownCodecNamesTheInstalledOnes() {
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> Codecs.get("nope"));
        assertTrue(e.getMessage().contains("unknown codec 'nope'") && e.getMessage().contains(BitwiseTestCodec.NAME),
                e.getMessage());
    }

    @Test
    void opensAnyStreamByItsHeader() throws IOException {
        byte[] data = TestData.text(10_000, 1);
        byte[] packed = Codecs.get(BitwiseTestCodec.NAME).compress(data);
        try (KolmoInputStream in = Codecs.newInputStream(new ByteArrayInputStream(packed))) {
            assertEquals(BitwiseTestCodec.NAME, in.codec().name());
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void unknownCodecIdInHeaderIsUnsupported() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new io.kolmo.codec.format.FrameWriter(out).writeHeader(
                new io.kolmo.codec.format.StreamHeader(9999, 100, new byte[0], new byte[0]));
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> Codecs.newInputStream(new ByteArrayInputStream(out.toByteArray())));
        assertTrue(e.getMessage().contains("9999"), e.getMessage());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> CodecOptions.defaults().withLevel(10));
        assertThrows(IllegalArgumentException.class, () -> CodecOptions.defaults().withFrameSize(-1));
        CodecOptions o = CodecOptions.defaults().withLevel(3).with("model", "m.onnx");
        assertEquals(3, o.level());
        assertEquals("m.onnx", o.property("model").orElseThrow());
        assertEquals(CodecOptions.defaults(), CodecOptions.defaults().withLevel(0));
    }
}
