package io.kolmo.codec;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Options a codec is created with: a compression level, a frame size and codec-specific
 * properties (for example {@code model} for a model path). Zero means "the codec's default".
 *
 * <pre>{@code
 * Codec xz = Codecs.get("xz", CodecOptions.defaults().withLevel(9));
 * }</pre>
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class CodecOptions {
    /** Largest frame size an encoder accepts: frames are held in memory twice. */
    public static final int MAX_FRAME_SIZE = 1 << 30;

    private static final CodecOptions DEFAULTS = new CodecOptions(0, 0, Map.of());

    private final int level;
    private final int frameSize;
    private final Map<String, String> properties;

    private CodecOptions(int level, int frameSize, Map<String, String> properties) {
        this.level = level;
        this.frameSize = frameSize;
        this.properties = properties;
    }

    /**
     * Parses a byte count as the command-line tools take frame sizes and caps: digits with an
     * optional {@code k}, {@code m} or {@code g} (KiB, MiB, GiB; either case), for example
     * {@code 65536}, {@code 64k} or {@code 1m}. The sign is kept; callers check the range.
     *
     * @throws IllegalArgumentException if {@code text} is not such a number or overflows a long
     */
    public static long parseSize(String text) {
        String v = text.strip().toLowerCase(java.util.Locale.ROOT);
        int unit = v.isEmpty() ? -1 : "kmg".indexOf(v.charAt(v.length() - 1));
        if (unit >= 0) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(v), 1L << (10 * (unit + 1)));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size out of range: " + text, e);
        }
    }

    /** Options that leave every choice to the codec. */
    public static CodecOptions defaults() {
        return DEFAULTS;
    }

    /** Compression level 1 (fastest) to 9 (smallest), or 0 for the codec's default. */
    public int level() {
        return level;
    }

    /** Returns the level if set, else {@code fallback}. */
    public int levelOr(int fallback) {
        return level == 0 ? fallback : level;
    }

    /** Largest number of original bytes in one frame, or 0 for the codec's default. */
    public int frameSize() {
        return frameSize;
    }

    /** Returns the frame size if set, else {@code fallback}. */
    public int frameSizeOr(int fallback) {
        return frameSize == 0 ? fallback : frameSize;
    }

    /** Codec-specific properties, sorted by name. */
    public Map<String, String> properties() {
        return properties;
    }

    /** One codec-specific property. */
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    /** @param level 1..9, or 0 for the codec's default */
    public CodecOptions withLevel(int level) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("level must be 1..9 (or 0 for the default): " + level);
        }
        return new CodecOptions(level, frameSize, properties);
    }

    /** @param frameSize 1..{@value #MAX_FRAME_SIZE} bytes, or 0 for the codec's default */
    public CodecOptions withFrameSize(int frameSize) {
        if (frameSize < 0 || frameSize > MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("frame size must be 1.." + MAX_FRAME_SIZE + " (or 0 for the default): "
                    + frameSize);
        }
        return new CodecOptions(level, frameSize, properties);
    }

    /** Returns options with one codec-specific property set. */
    public CodecOptions with(String name, String value) {
        TreeMap<String, String> copy = new TreeMap<>(properties);
        copy.put(name, value);
        return new CodecOptions(level, frameSize, Collections.unmodifiableMap(copy));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodecOptions other && level == other.level && frameSize == other.frameSize
                && properties.equals(other.properties);
    }

    @Override
    public int hashCode() {
        return (level * 31 + frameSize) * 31 + properties.hashCode();
    }

    @Override
    public String toString() {
        return "CodecOptions[level=" + level + ", frameSize=" + frameSize + ", properties=" + properties + "]";
    }
}
