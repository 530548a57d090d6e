package io.kolmo.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.Availability;
import io.kolmo.codec.CorruptedInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsTest {
    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void threadsZeroMeansTwoWhereThereAreTwoCoresAndAnExplicitCountIsKept() {
        int expected = Math.min(2, Runtime.getRuntime().availableProcessors());
        assertEquals(expected, ModelOptions.defaults().effectiveThreads());
        assertEquals(3, new ModelOptions(ModelOptions.Backend.CPU, 0, 3).effectiveThreads());
        assertThrows(IllegalArgumentException.class, () -> new ModelOptions(ModelOptions.Backend.CPU, 0, -1));
    }

    @Test
    void sharedIsTheBundledModelOnOnnxRuntime() throws Exception {
        ByteModel m = Models.shared();
        assertSame(m, Models.shared());
        assertEquals(sha256(Golden.defaultWeights()), m.info().idHex());
        Availability a = Models.availability();
        assertTrue(a.isAvailable(), a.reason());
        assertTrue(m.backend().startsWith("onnxruntime"), m.backend());
        m.close(); // no effect on the shared instance
        Golden.Seq s = Golden.sequences().get(1);
        assertArrayEquals(s.logits(), Models.shared().forward(new byte[][] {s.bytes()}, s.len())[0]);
    }

    @Test
    void loadFromPathFindsTheWeightsBeside(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("m.onnx");
        Files.write(onnx, Golden.defaultOnnx());
        Files.write(dir.resolve("m.weights"), Golden.defaultWeights());
        Golden.Seq s = Golden.sequences().get(1);
        try (ByteModel m = Models.load(onnx, new ModelOptions(ModelOptions.Backend.CPU, 0, 1))) {
            assertArrayEquals(s.logits(), m.forward(new byte[][] {s.bytes()}, s.len())[0]);
        }
        try (ByteModel m = Models.load(onnx, new ModelOptions(ModelOptions.Backend.REFERENCE, 0, 0))) {
            assertEquals("java reference", m.backend());
            assertArrayEquals(s.logits(), m.forward(new byte[][] {s.bytes()}, s.len())[0]);
        }
        // weights of another model beside the graph: both ids named
        byte[] other = Golden.defaultWeights();
        other[other.length - 1] ^= 1;
        Files.write(dir.resolve("m.weights"), other);
        IOException e = assertThrows(IOException.class,
                () -> Models.load(onnx, new ModelOptions(ModelOptions.Backend.CPU, 0, 1)));
        assertTrue(e.getMessage().contains(sha256(Golden.defaultWeights())), e.getMessage());
        assertTrue(e.getMessage().contains(sha256(other)), e.getMessage());
    }

    @Test
    void autoFallsBackToTheReferenceWhenOnnxRuntimeDoesNotLoad() throws Exception {
        Availability missing = Availability.unavailable("ONNX Runtime did not load: simulated", null);
        try (ByteModel m = Models.load(Golden.defaultOnnx(), Golden.defaultWeights(), ModelOptions.defaults(),
                missing)) {
            assertTrue(m.backend().startsWith("java reference") && m.backend().contains("simulated"), m.backend());
            assertEquals(sha256(Golden.defaultWeights()), m.info().idHex());
            assertTrue(m.info().validBitsPerByte() > 0, "valid bits per byte from the graph's metadata");
            Golden.Seq s = Golden.sequences().get(1);
            assertArrayEquals(s.logits(), m.forward(new byte[][] {s.bytes()}, s.len())[0]);
        }
        assertThrows(io.kolmo.codec.UnsupportedFormatException.class, () -> Models.load(Golden.defaultOnnx(),
                Golden.defaultWeights(), new ModelOptions(ModelOptions.Backend.CPU, 0, 0), missing));
        assertThrows(io.kolmo.codec.UnsupportedFormatException.class, () -> Models.load(Golden.defaultOnnx(), null,
                ModelOptions.defaults(), missing));
    }

    @Test
    void referenceBackendNeedsWeights() {
        assertThrows(IOException.class,
                () -> Models.load(null, null, new ModelOptions(ModelOptions.Backend.REFERENCE, 0, 0)));
    }

    @Test
    void wrongMagic() throws Exception {
        byte[] w = Golden.defaultWeights();
        w[7] = '2';
        CorruptedInputException e = assertThrows(CorruptedInputException.class, () -> WeightsFile.parse(w));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
        assertThrows(CorruptedInputException.class, () -> WeightsFile.parse(new byte[3]));
    }

    @Test
    void truncatedAndTrailingBytes() throws Exception {
        byte[] w = Golden.defaultWeights();
        for (int cut : new int[] {12, 13, 20, 100, w.length / 2, w.length - 1}) {
            assertThrows(CorruptedInputException.class, () -> WeightsFile.parse(Arrays.copyOf(w, cut)), "cut " + cut);
        }
        assertThrows(CorruptedInputException.class, () -> WeightsFile.parse(Arrays.copyOf(w, w.length + 1)));
    }

    @Test
    void hostileCountsAndDims() throws Exception {
        byte[] w = Golden.defaultWeights();
        byte[] count = w.clone();
        ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -1); // 4 billion entries
        assertTrue(assertThrows(CorruptedInputException.class, () -> WeightsFile.parse(count)).getMessage()
                .contains("entries"));
        // first entry is "ctx", an int64 scalar: make it a 3-d tensor of huge dims
        byte[] dims = hostileEntry(new int[] {0x7fffffff, 0x7fffffff, 0x7fffffff});
        assertThrows(CorruptedInputException.class, () -> WeightsFile.parse(dims));
        byte[] dtype = w.clone();
        dtype[12 + 2 + 3] = 9; // dtype of "ctx"
        assertTrue(assertThrows(CorruptedInputException.class, () -> WeightsFile.parse(dtype)).getMessage()
                .contains("dtype"));
        byte[] nameLen = w.clone();
        ByteBuffer.wrap(nameLen).order(ByteOrder.LITTLE_ENDIAN).putShort(12, (short) -1);
        assertThrows(CorruptedInputException.class, () -> WeightsFile.parse(nameLen));
    }

    /** The default weights with the first entry (ctx) given the stated dims (its data left as is). */
    private static byte[] hostileEntry(int[] dims) throws Exception {
        byte[] w = Golden.defaultWeights();
        int at = 12 + 2 + 3; // dtype byte of "ctx"
        ByteBuffer out = ByteBuffer.allocate(w.length + 4 * dims.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(w, 0, at + 1);
        out.put((byte) dims.length);
        for (int d : dims) {
            out.putInt(d);
        }
        out.put(w, at + 2, w.length - at - 2);
        return out.array();
    }

    @Test
    void valuesOutOfRangeAreRejectedByTheReference() throws Exception {
        byte[] w = Golden.defaultWeights();
        String s = new String(w, StandardCharsets.ISO_8859_1);
        int name = s.indexOf("l0.att.sh"); // int64 scalar: name, dtype, ndim 0, then the value
        ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putLong(name + "l0.att.sh".length() + 2, 99);
        WeightsFile wf = WeightsFile.parse(w); // well-formed file ...
        CorruptedInputException e = assertThrows(CorruptedInputException.class, () -> new ReferenceModel(wf, 0));
        assertTrue(e.getMessage().contains("l0.att.sh"), e.getMessage()); // ... but not a valid network
    }

    @Test
    void weightsEntriesAreReadable() throws Exception {
        WeightsFile wf = WeightsFile.parse(Golden.defaultWeights());
        assertEquals(512, wf.scalar("ctx"));
        assertArrayEquals(new int[] {128, 384}, wf.dims("l0.qkv.w"));
        assertEquals(sha256(Golden.defaultWeights()), wf.idHex());
        assertThrows(CorruptedInputException.class, () -> wf.scalar("nope"));
    }
}
