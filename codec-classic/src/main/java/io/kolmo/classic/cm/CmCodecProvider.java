package io.kolmo.classic.cm;

import io.kolmo.codec.Availability;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CodecProvider;
import io.kolmo.codec.UnsupportedFormatException;

/**
 * Service provider of the {@link CmCodec cm} codec. Pure Java, always available.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CmCodecProvider implements CodecProvider {
    @Override
    public String name() {
        return CmCodec.NAME;
    }

    @Override
    public int id() {
        return CmCodec.ID;
    }

    @Override
    public String description() {
        return "context mixing (orders 1-6, words, records, 32-bit words, match model; DNA repeats at "
                + "levels 6-9), pure Java; on 2 cores the default level 4 compressed at 1.0 MB/s and "
                + "decompressed at 0.64 MB/s, level 1 at 1.4 and 1.0 MB/s, levels 6-9 about 0.1";
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public Codec create(CodecOptions options) throws UnsupportedFormatException {
        int frame = options.frameSizeOr(CmCodec.DEFAULT_FRAME_SIZE);
        if (frame > CodecOptions.MAX_FRAME_SIZE) {
            throw new UnsupportedFormatException("cm frame size too large: " + frame);
        }
        return new CmCodec(options);
    }
}
