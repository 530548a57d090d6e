package io.kolmo.codec;

import java.util.Optional;

/**
 * Whether a codec (or a backend such as a native library or a GPU) can be used here, and if not,
 * why. Probes store the failure instead of throwing from a static initializer.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class Availability {
    private static final Availability AVAILABLE = new Availability(true, "available", null);

    private final boolean available;
    private final String reason;
    private final Throwable cause;

    private Availability(boolean available, String reason, Throwable cause) {
        this.available = available;
        this.reason = reason;
        this.cause = cause;
    }

    public static Availability available() {
        return AVAILABLE;
    }

    /** @param reason one line a user can read; {@code cause} may be null */
    public static Availability unavailable(String reason, Throwable cause) {
        return new Availability(false, reason, cause);
    }

    public boolean isAvailable() {
        return available;
    }

    /** A one-line explanation, "available" when available. */
    public String reason() {
        return reason;
    }

    /** The failure that made the probe say no, if any. */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    /** @throws UnsupportedFormatException if not available, with the stored cause */
    public void ensureAvailable(String what) throws UnsupportedFormatException {
        if (!available) {
            throw new UnsupportedFormatException(what + " is not available: " + reason, cause);
        }
    }

    @Override
    public String toString() {
        return available ? "available" : "unavailable: " + reason;
    }
}
