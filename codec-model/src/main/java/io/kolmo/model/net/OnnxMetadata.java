package io.kolmo.model.net;

import io.kolmo.codec.CorruptedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code metadata_props} of an ONNX model (protobuf {@code ModelProto} field 14) without
 * ONNX Runtime, so that a model's id can be checked even where the native runtime does not load.
 * Only the top level of the message is walked; the graph is skipped unread.
 *
 * <p>Stateless and thread-safe.
 */
final class OnnxMetadata {
    private static final int METADATA_PROPS = 14;

    private OnnxMetadata() {
    }

    /**
     * The metadata key/value pairs.
     *
     * @throws CorruptedInputException if the bytes are not a protobuf message
     */
    static Map<String, String> read(byte[] onnx) throws CorruptedInputException {
        Map<String, String> out = new LinkedHashMap<>();
        Reader r = new Reader(onnx, 0, onnx.length);
        while (r.more()) {
            long tag = r.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == METADATA_PROPS && wire == 2) {
                Reader e = r.sub();
                String key = null;
                String value = "";
                while (e.more()) {
                    long t = e.varint();
                    if ((t & 7) == 2 && (t >>> 3) == 1) {
                        key = e.string();
                    } else if ((t & 7) == 2 && (t >>> 3) == 2) {
                        value = e.string();
                    } else {
                        e.skip((int) (t & 7));
                    }
                }
                if (key != null) {
                    out.put(key, value);
                }
            } else if (field == 0) {
                throw bad("field number 0");
            } else {
                r.skip(wire);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static CorruptedInputException bad(String what) {
        return new CorruptedInputException("not an ONNX model (malformed protobuf: " + what + ")", -1);
    }

    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() throws CorruptedInputException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw bad("truncated varint");
                }
                int c = b[pos++] & 0xff;
                v |= (long) (c & 0x7f) << shift;
                if (c < 0x80) {
                    return v;
                }
            }
            throw bad("varint too long");
        }

        int length() throws CorruptedInputException {
            long n = varint();
            if (n < 0 || n > end - pos) {
                throw bad("length " + n + " beyond the end");
            }
            return (int) n;
        }

        Reader sub() throws CorruptedInputException {
            int n = length();
            Reader r = new Reader(b, pos, pos + n);
            pos += n;
            return r;
        }

        String string() throws CorruptedInputException {
            int n = length();
            String s = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        void skip(int wire) throws CorruptedInputException {
            switch (wire) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> advance(length());
                case 5 -> advance(4);
                default -> throw bad("wire type " + wire);
            }
        }

        private void advance(int n) throws CorruptedInputException {
            if (n > end - pos) {
                throw bad("truncated field");
            }
            pos += n;
        }
    }
}
