package io.kolmo.codec;

import io.kolmo.codec.format.StreamHeader;
import java.io.IOException;

/**
 * Service-provider interface: one implementation per codec, listed in
 * {@code META-INF/services/io.kolmo.codec.CodecProvider} and found by {@link Codecs}.
 *
 * <p>Implementations must be immutable and thread-safe, with a public no-argument constructor
 * that does no expensive work: availability is probed lazily.
 */
public interface CodecProvider {
    /** Stable name users select the codec by. */
    String name();

    /** Stable id written into stream headers; unique across providers. */
    int id();

    /** One line for listings. */
    String description();

    /** Whether the codec works here (native library loaded, model present...), and why not. */
    Availability availability();

    /**
     * Whether the codec should be {@link Codecs#defaultChoice() chosen by default} here, and why not.
     * Usually the same as {@link #availability()}; a model codec that can still run (slowly) on a
     * fallback, for example the pure-Java reference network when ONNX Runtime does not load, is
     * available for decoding but not a sensible default.
     */
    default Availability defaultAvailability() {
        return availability();
    }

    /**
     * Creates a codec for writing.
     *
     * @throws UnsupportedFormatException if the codec is unavailable or the options are invalid
     */
    Codec create(CodecOptions options) throws UnsupportedFormatException;

    /**
     * Creates a codec able to decode a stream with this header.
     *
     * @throws UnsupportedFormatException if the parameters are unknown or the model differs
     */
    default Codec forStream(StreamHeader header) throws IOException {
        return create(CodecOptions.defaults()).forStream(header);
    }
}
