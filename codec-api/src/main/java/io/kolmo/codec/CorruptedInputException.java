package io.kolmo.codec;

import java.io.IOException;

/**
 * The input is not a valid kolmo stream: a checksum does not match, a field holds an impossible
 * value, or a codec payload does not decode. Nothing decoded from the damaged part is returned.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public class CorruptedInputException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    /**
     * @param message what is wrong, in words a user can act on
     * @param offset byte offset in the compressed stream where the damage was detected, or -1
     */
    public CorruptedInputException(String message, long offset) {
        super(offset >= 0 ? message + " (at compressed offset " + offset + ")" : message);
        this.offset = offset;
    }

    public CorruptedInputException(String message, long offset, Throwable cause) {
        this(message, offset);
        initCause(cause);
    }

    /** Byte offset in the compressed stream where the problem was detected, or -1 if unknown. */
    public long offset() {
        return offset;
    }
}
