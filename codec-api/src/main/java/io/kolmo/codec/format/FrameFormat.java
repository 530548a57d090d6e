package io.kolmo.codec.format;

/**
 * Constants of the kolmo container format, version 1 (docs/FORMAT.md).
 */
public final class FrameFormat {
    /** First four bytes of every stream. The high first byte catches 7-bit transfers, as in PNG. */
    public static final byte[] MAGIC = {(byte) 0x89, 'K', 'M', 'O'};
    /** The format version this library writes and reads. */
    public static final int VERSION = 1;

    // Record kinds differ pairwise in two bits, so one flipped bit never turns one into another.
    /** A frame whose payload the codec produced. */
    public static final int KIND_CODED = 0x01;
    /** A frame whose payload is the original bytes (the codec could not make them smaller). */
    public static final int KIND_STORED = 0x02;
    /** The end record. */
    public static final int KIND_END = 0x04;

    private FrameFormat() {
    }
}
