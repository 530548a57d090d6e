package io.kolmo.codec;

import java.io.IOException;

/**
 * A size read from the input (or asked for by the caller) exceeds a configured limit. The check
 * is made before anything of that size is allocated, so hostile headers cannot exhaust memory.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long needed;
    private final long limit;

    /**
     * @param what the quantity that is too large, for example "frame size"
     * @param needed the size the input asks for
     * @param limit the largest size allowed
     */
    public LimitExceededException(String what, long needed, long limit) {
        super(what + " " + needed + " exceeds the limit of " + limit
                + " (raise it with Limits.maxFrameSize if the input is trusted)");
        this.needed = needed;
        this.limit = limit;
    }

    /** The size the input asked for. */
    public long needed() {
        return needed;
    }

    /** The largest size allowed. */
    public long limit() {
        return limit;
    }
}
