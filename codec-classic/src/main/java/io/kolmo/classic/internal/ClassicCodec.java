package io.kolmo.classic.internal;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.UnsupportedFormatException;
import io.kolmo.codec.format.StreamHeader;

/**
 * What the classic codecs share: a name, an id, options with a default frame size, and no header
 * parameters. None of them needs a parameter to decode (levels only change the encoder's effort),
 * so a stream that carries parameters comes from a newer writer and is refused rather than guessed at.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public abstract class ClassicCodec implements Codec {
    private final String name;
    private final int id;
    private final CodecOptions options;
    private final int frameSize;

    protected ClassicCodec(String name, int id, CodecOptions options, int defaultFrameSize) {
        this.name = name;
        this.id = id;
        this.options = options;
        this.frameSize = options.frameSizeOr(defaultFrameSize);
    }

    /** The same codec with other options. */
    protected abstract Codec withOptions(CodecOptions options);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int id() {
        return id;
    }

    @Override
    public final CodecOptions options() {
        return options;
    }

    @Override
    public final int frameSize() {
        return frameSize;
    }

    @Override
    public final byte[] parameters() {
        return new byte[0];
    }

    @Override
    public final Codec forStream(StreamHeader header) throws UnsupportedFormatException {
        if (header.codecId() != id) {
            throw new UnsupportedFormatException("stream of codec id " + header.codecId() + " given to " + name);
        }
        int length = header.parameters().length;
        if (length != 0) {
            throw new UnsupportedFormatException(name + " stream carries " + length
                    + " bytes of codec parameters; this version writes and reads none (written by a newer kolmo?)");
        }
        if (header.frameSize() == frameSize) {
            return this;
        }
        if (header.frameSize() > CodecOptions.MAX_FRAME_SIZE) {
            throw new UnsupportedFormatException(name + " stream declares frames of " + header.frameSize()
                    + " bytes; at most " + CodecOptions.MAX_FRAME_SIZE + " are supported");
        }
        return withOptions(options.withFrameSize(header.frameSize()));
    }

    @Override
    public String toString() {
        return name + "[" + options + "]";
    }
}
