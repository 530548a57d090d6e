package io.kolmo.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.TestData;
import io.kolmo.model.codec.TransformerCodec;
import io.kolmo.model.hybrid.HybridCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bit-exact rule end to end: ONNX Runtime with one or two threads and the pure-Java reference
 * produce the same compressed bytes, and each decodes what the others wrote, for both model codecs.
 * Small frames so that several frames, windows past the context and lock-step batches all occur.
 */
class BackendsAgreeOnCompressedBytesTest {
    private static ByteModel ort1;
    private static ByteModel ort2;
    private static ByteModel reference;
    private static byte[] data;

    @BeforeAll
    static void load() throws IOException {
        byte[] onnx = Golden.defaultOnnx();
        byte[] weights = Golden.defaultWeights();
        ort1 = Models.load(onnx, weights, new ModelOptions(ModelOptions.Backend.CPU, 0, 1));
        ort2 = Models.load(onnx, weights, new ModelOptions(ModelOptions.Backend.CPU, 0, 2));
        reference = Models.load(onnx, weights, new ModelOptions(ModelOptions.Backend.REFERENCE, 0, 0));
        Path file = TestData.dataDir().map(d -> d.resolve("canterbury/grammar.lsp")).orElse(null);
        byte[] source = file != null && Files.isRegularFile(file) ? Files.readAllBytes(file) : TestData.text(4000, 5);
        data = Arrays.copyOf(source, 1800);
    }

    @AfterAll
    static void close() {
        for (ByteModel m : new ByteModel[] {ort1, ort2, reference}) {
            if (m != null) {
                m.close();
            }
        }
    }

    private static CodecOptions options(int batch) {
        return CodecOptions.defaults().withFrameSize(1024).with("batch", String.valueOf(batch));
    }

    @Test
    void transformerBytesAreTheSameOnEveryBackend() throws IOException {
        Codec onOrt1 = new TransformerCodec(ort1, options(16));
        Codec onOrt2 = new TransformerCodec(ort2, options(1));
        Codec onReference = new TransformerCodec(reference, options(2));
        byte[] stream = onOrt1.compress(data);
        assertArrayEquals(stream, onOrt2.compress(data), "ONNX Runtime, 1 vs 2 threads");
        assertArrayEquals(stream, onReference.compress(data), "ONNX Runtime vs the Java reference");
        assertArrayEquals(data, onReference.decompress(stream), "the reference decodes ONNX Runtime's stream");
        assertArrayEquals(data, onOrt2.decompress(stream), "batch 1 decodes a stream written with batch 16");
    }

    @Test
    void hybridBytesAreTheSameOnEveryBackend() throws IOException {
        CodecOptions small = CodecOptions.defaults().withFrameSize(1024);
        Codec onOrt1 = new HybridCodec(ort1, small);
        Codec onReference = new HybridCodec(reference, small);
        byte[] stream = onOrt1.compress(data);
        assertArrayEquals(stream, new HybridCodec(ort2, small).compress(data), "ONNX Runtime, 1 vs 2 threads");
        assertArrayEquals(stream, onReference.compress(data), "ONNX Runtime vs the Java reference");
        assertArrayEquals(data, onReference.decompress(stream));
    }
}
