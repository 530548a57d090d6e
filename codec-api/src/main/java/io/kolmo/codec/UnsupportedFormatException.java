package io.kolmo.codec;

import java.io.IOException;

/**
 * The stream is well formed but cannot be read here: an unknown format version, a codec id no
 * installed provider knows, or a codec whose native library or model is not available.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public class UnsupportedFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFormatException(String message) {
        super(message);
    }

    public UnsupportedFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
