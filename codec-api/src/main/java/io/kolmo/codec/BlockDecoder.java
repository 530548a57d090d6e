package io.kolmo.codec;

import java.io.Closeable;
import java.io.IOException;

/**
 * Decompresses frames written by the matching {@link BlockEncoder}.
 *
 * <p>A decoder is not thread-safe; {@link Codec#newDecoder()} gives each stream its own.
 */
public interface BlockDecoder extends Closeable {
    /**
     * Decodes {@code src[srcOff, srcOff+srcLen)} into exactly {@code dstLen} bytes at
     * {@code dst[dstOff]}.
     *
     * @throws CorruptedInputException if the payload does not decode to exactly {@code dstLen}
     *     bytes (offsets in the exception are relative to the payload, or -1)
     */
    void decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) throws IOException;

    /** Releases native or large resources. Idempotent. */
    @Override
    default void close() throws IOException {
    }
}
