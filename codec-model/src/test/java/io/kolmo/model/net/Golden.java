package io.kolmo.model.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The golden vectors ({@code golden/golden.bin}, format in INTEGER_NETWORK.md) and the bundled model files. */
final class Golden {
    /** One golden sequence: its bytes, the incremental prefix and the full-window logits [len * 256]. */
    record Seq(byte[] bytes, int prefix, int[] logits) {
        int len() {
            return bytes.length;
        }
    }

    private static List<Seq> cached;

    private Golden() {
    }

    static synchronized List<Seq> sequences() throws IOException {
        if (cached == null) {
            ByteBuffer bb = ByteBuffer.wrap(resource("/io/kolmo/model/golden/golden.bin")).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[8];
            bb.get(magic);
            if (!"KOLMOGV1".equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new IOException("bad golden magic");
            }
            int count = bb.getInt();
            List<Seq> out = new ArrayList<>();
            for (int s = 0; s < count; s++) {
                int len = bb.getInt();
                int prefix = bb.getInt();
                byte[] bytes = new byte[len];
                bb.get(bytes);
                int[] logits = new int[len * 256];
                bb.asIntBuffer().get(logits);
                bb.position(bb.position() + 4 * logits.length);
                out.add(new Seq(bytes, prefix, logits));
            }
            if (bb.hasRemaining()) {
                throw new IOException("trailing bytes in golden.bin");
            }
            cached = List.copyOf(out);
        }
        return cached;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = Golden.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }

    static byte[] defaultOnnx() throws IOException {
        return resource("/io/kolmo/model/default.onnx");
    }

    static byte[] defaultWeights() throws IOException {
        return resource("/io/kolmo/model/default.weights");
    }

    /** Rows [from, to) of a position-major logits array. */
    static int[] rows(int[] logits, int from, int to) {
        return java.util.Arrays.copyOfRange(logits, from * 256, to * 256);
    }
}
