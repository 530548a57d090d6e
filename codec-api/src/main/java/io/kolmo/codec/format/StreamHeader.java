package io.kolmo.codec.format;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The header that opens every kolmo stream: which codec wrote it, with which parameters and
 * model, and the largest frame it may hold. See docs/FORMAT.md.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class StreamHeader {
    /** Largest codec-parameter block a header may carry. */
    public static final int MAX_PARAMETERS = 4096;
    /** Largest model id a header may carry (a SHA-256 takes 32). */
    public static final int MAX_MODEL_ID = 64;

    private final int codecId;
    private final int frameSize;
    private final byte[] modelId;
    private final byte[] parameters;

    public StreamHeader(int codecId, int frameSize, byte[] modelId, byte[] parameters) {
        if (codecId < 0) {
            throw new IllegalArgumentException("codec id must not be negative: " + codecId);
        }
        if (frameSize <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + frameSize);
        }
        if (modelId.length > MAX_MODEL_ID || parameters.length > MAX_PARAMETERS) {
            throw new IllegalArgumentException("model id or parameters too long");
        }
        this.codecId = codecId;
        this.frameSize = frameSize;
        this.modelId = modelId.clone();
        this.parameters = parameters.clone();
    }

    public int codecId() {
        return codecId;
    }

    /** Largest number of original bytes in one frame of this stream. */
    public int frameSize() {
        return frameSize;
    }

    /** Model id (SHA-256 of the model), empty if the codec uses none. */
    public byte[] modelId() {
        return modelId.clone();
    }

    /** The model id in lower-case hex, empty if none. */
    public String modelIdHex() {
        return HexFormat.of().formatHex(modelId);
    }

    /** Codec-specific parameters. */
    public byte[] parameters() {
        return parameters.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamHeader h && codecId == h.codecId && frameSize == h.frameSize
                && Arrays.equals(modelId, h.modelId) && Arrays.equals(parameters, h.parameters);
    }

    @Override
    public int hashCode() {
        return ((codecId * 31 + frameSize) * 31 + Arrays.hashCode(modelId)) * 31 + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "StreamHeader[codec=" + codecId + ", frameSize=" + frameSize + ", model=" + modelIdHex()
                + ", parameters=" + HexFormat.of().formatHex(parameters) + "]";
    }
}
