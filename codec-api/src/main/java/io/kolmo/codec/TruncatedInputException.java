package io.kolmo.codec;

import java.io.EOFException;

/**
 * The compressed input ended before the stream's end record. Everything returned before this
 * exception was verified; the rest of the original data is missing.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public class TruncatedInputException extends EOFException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    /**
     * @param what the part of the stream that was being read when the input ended
     * @param offset compressed offset at which the input ended
     */
    public TruncatedInputException(String what, long offset) {
        super("truncated kolmo stream: input ended inside " + what + " (at compressed offset " + offset + ")");
        this.offset = offset;
    }

    /** Compressed offset at which the input ended. */
    public long offset() {
        return offset;
    }
}
