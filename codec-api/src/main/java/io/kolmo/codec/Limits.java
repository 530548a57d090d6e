package io.kolmo.codec;

/**
 * Limits a decoder enforces on sizes read from its input before allocating anything.
 *
 * <pre>{@code
 * InputStream in = Codecs.newInputStream(raw, Limits.defaults().withMaxFrameSize(1 << 30));
 * }</pre>
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class Limits {
    /** Default largest frame: 256 MiB of original data (a decoder holds about twice that). */
    public static final int DEFAULT_MAX_FRAME_SIZE = 256 << 20;

    private static final Limits DEFAULTS = new Limits(DEFAULT_MAX_FRAME_SIZE);

    private final int maxFrameSize;

    private Limits(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    /** The default limits. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /** Largest frame, in original bytes, that a stream may declare. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** Returns limits that accept frames of up to {@code bytes} original bytes. */
    public Limits withMaxFrameSize(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxFrameSize must be positive: " + bytes);
        }
        return new Limits(bytes);
    }

    @Override
    public String toString() {
        return "Limits[maxFrameSize=" + maxFrameSize + "]";
    }
}
