package io.kolmo.model.net;

import io.kolmo.codec.CorruptedInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code KOLMOW01} weight file (format in {@code training/INTEGER_NETWORK.md}, "Weight
 * file"): named integer tensors, little-endian, entries in ascending name order.
 *
 * <p>Parsing is strict: a wrong magic, an entry count, name, dtype, rank or dimension the remaining
 * bytes cannot hold, unsorted or duplicate names, or trailing bytes all raise
 * {@link CorruptedInputException}; no array is allocated before its size has been checked against
 * the bytes actually present.
 *
 * <p>Instances are immutable (accessors return copies) and may be shared between threads.
 */
public final class WeightsFile {
    /** The 8-byte magic at the start of every weight file. */
    public static final String MAGIC = "KOLMOW01";
    /** dtype codes of the file format. */
    public static final int INT8 = 1;
    public static final int UINT8 = 2;
    public static final int INT32 = 3;
    public static final int INT64 = 4;

    private static final int MAX_NDIM = 8;
    private static final int MAX_NAME = 1024;

    /** One tensor: dtype code, dims (empty for a scalar) and its values widened to long. */
    private record Entry(int dtype, int[] dims, long[] values) {
    }

    private final byte[] id;
    private final Map<String, Entry> entries;

    private WeightsFile(byte[] id, Map<String, Entry> entries) {
        this.id = id;
        this.entries = entries;
    }

    /**
     * Parses a weight file held in memory; the caller keeps ownership of {@code bytes} (they are not
     * retained).
     *
     * @throws CorruptedInputException if the bytes are not a well-formed weight file
     */
    public static WeightsFile parse(byte[] bytes) throws CorruptedInputException {
        if (bytes == null) {
            throw new IllegalArgumentException("weights are null");
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12) {
            throw bad("weight file too short (" + bytes.length + " bytes)", -1);
        }
        byte[] magic = new byte[8];
        bb.get(magic);
        if (!MAGIC.equals(new String(magic, StandardCharsets.ISO_8859_1))) {
            throw bad("not a kolmo weight file (magic is not " + MAGIC + ")", 0);
        }
        long count = Integer.toUnsignedLong(bb.getInt());
        // every entry takes at least 2 (name length) + 1 (name) + 2 (dtype, ndim) + 1 (a scalar) bytes
        if (count > bb.remaining() / 6L) {
            throw bad("weight file claims " + count + " entries, more than its " + bytes.length + " bytes can hold", 8);
        }
        Map<String, Entry> map = new LinkedHashMap<>();
        String prev = null;
        for (long i = 0; i < count; i++) {
            int at = bb.position();
            need(bb, 2, "name length of entry " + i);
            int nameLen = Short.toUnsignedInt(bb.getShort());
            if (nameLen == 0 || nameLen > MAX_NAME) {
                throw bad("entry " + i + " has a name of " + nameLen + " bytes", at);
            }
            need(bb, nameLen, "name of entry " + i);
            byte[] nb = new byte[nameLen];
            bb.get(nb);
            for (byte c : nb) {
                if (c < 0x21 || c > 0x7e) {
                    throw bad("entry " + i + " has a non-ASCII or blank name", at);
                }
            }
            String name = new String(nb, StandardCharsets.US_ASCII);
            if (prev != null && name.compareTo(prev) <= 0) {
                throw bad("entry '" + name + "' is out of order or duplicated (after '" + prev + "')", at);
            }
            prev = name;
            need(bb, 2, "dtype of '" + name + "'");
            int dtype = Byte.toUnsignedInt(bb.get());
            int ndim = Byte.toUnsignedInt(bb.get());
            int size = elementSize(dtype);
            if (size == 0) {
                throw bad("entry '" + name + "' has unknown dtype " + dtype, at);
            }
            if (ndim > MAX_NDIM) {
                throw bad("entry '" + name + "' has rank " + ndim, at);
            }
            need(bb, 4L * ndim, "dims of '" + name + "'");
            int[] dims = new int[ndim];
            long n = 1;
            for (int k = 0; k < ndim; k++) {
                long dim = Integer.toUnsignedLong(bb.getInt());
                if (dim > Integer.MAX_VALUE) {
                    throw bad("entry '" + name + "' has dimension " + dim, at);
                }
                dims[k] = (int) dim;
                n *= dim;
                if (n > bb.remaining() / size) { // n <= 2^31 * 2^31 here: no overflow
                    throw bad("entry '" + name + "' needs more bytes than the file holds", at);
                }
            }
            need(bb, n * size, "data of '" + name + "'");
            long[] values = new long[(int) n];
            for (int k = 0; k < values.length; k++) {
                values[k] = switch (dtype) {
                    case INT8 -> bb.get();
                    case UINT8 -> Byte.toUnsignedInt(bb.get());
                    case INT32 -> bb.getInt();
                    default -> bb.getLong();
                };
            }
            map.put(name, new Entry(dtype, dims, values));
        }
        if (bb.hasRemaining()) {
            throw bad("weight file has " + bb.remaining() + " trailing bytes", bb.position());
        }
        return new WeightsFile(sha256(bytes), Collections.unmodifiableMap(map));
    }

    private static int elementSize(int dtype) {
        return switch (dtype) {
            case INT8, UINT8 -> 1;
            case INT32 -> 4;
            case INT64 -> 8;
            default -> 0;
        };
    }

    private static void need(ByteBuffer bb, long n, String what) throws CorruptedInputException {
        if (n > bb.remaining()) {
            throw bad("weight file truncated in the " + what, bb.position());
        }
    }

    private static CorruptedInputException bad(String msg, long offset) {
        return new CorruptedInputException(msg + (offset >= 0 ? " (weight file offset " + offset + ")" : ""), -1);
    }

    /** sha256 of the given bytes. */
    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The model id: sha256 of the whole file (32 bytes). */
    public byte[] id() {
        return id.clone();
    }

    /** The model id in lower-case hex. */
    public String idHex() {
        return HexFormat.of().formatHex(id);
    }

    /** Entry names in file order. */
    public Set<String> names() {
        return entries.keySet();
    }

    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** The dims of an entry (empty for a scalar). */
    public int[] dims(String name) throws CorruptedInputException {
        return entry(name).dims().clone();
    }

    /** The dtype code of an entry. */
    public int dtype(String name) throws CorruptedInputException {
        return entry(name).dtype();
    }

    /** A scalar entry (ndim 0, or a single element). */
    public long scalar(String name) throws CorruptedInputException {
        Entry e = entry(name);
        if (e.values().length != 1) {
            throw new CorruptedInputException("weight '" + name + "' is not a scalar", -1);
        }
        return e.values()[0];
    }

    /** An entry's values, row-major, widened to long (a copy). */
    public long[] longs(String name) throws CorruptedInputException {
        return entry(name).values().clone();
    }

    /**
     * An entry's values as int, checked to have exactly the given shape and to lie in
     * {@code [min, max]}.
     */
    public int[] ints(String name, long min, long max, int... shape) throws CorruptedInputException {
        Entry e = entry(name);
        if (!java.util.Arrays.equals(e.dims(), shape)) {
            throw new CorruptedInputException("weight '" + name + "' has shape " + java.util.Arrays.toString(e.dims())
                    + ", expected " + java.util.Arrays.toString(shape), -1);
        }
        long[] v = e.values();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < min || v[i] > max) {
                throw new CorruptedInputException("weight '" + name + "'[" + i + "] = " + v[i] + " is outside ["
                        + min + ", " + max + "]", -1);
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    private Entry entry(String name) throws CorruptedInputException {
        Entry e = entries.get(name);
        if (e == null) {
            throw new CorruptedInputException("weight file has no entry '" + name + "'", -1);
        }
        return e;
    }
}
