package io.kolmo.codec.stream;

import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.format.FrameReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * Decodes the frames of one stream and checks each against its CRC32C, and the end record against
 * the totals: the part of reading a kolmo stream that does not depend on where bytes come from.
 * {@link KolmoInputStream} and the Netty decoder both use it.
 *
 * <p>Not thread-safe.
 */
public final class VerifyingFrameDecoder implements Closeable {
    private final BlockDecoder decoder;
    private final CRC32C contentCrc = new CRC32C();
    private long decodedBytes;

    public VerifyingFrameDecoder(Codec codec) throws IOException {
        this.decoder = codec.newDecoder();
    }

    /**
     * Decodes one frame into {@code dst} (at least {@code frame.originalLength()} long) and checks
     * its CRC. Nothing in {@code dst} may be used if this throws.
     */
    public void decode(FrameReader.Frame frame, byte[] dst) throws IOException {
        int n = frame.originalLength();
        if (frame.stored()) {
            System.arraycopy(frame.payload(), 0, dst, 0, n);
        } else {
            try {
                decoder.decode(frame.payload(), 0, frame.payloadLength(), dst, 0, n);
            } catch (CorruptedInputException e) {
                throw new CorruptedInputException("frame does not decode: " + e.getMessage(), frame.offset(), e);
            } catch (RuntimeException e) {
                throw new CorruptedInputException("frame does not decode: " + e, frame.offset(), e);
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(dst, 0, n);
        if ((int) crc.getValue() != frame.originalCrc()) {
            throw new CorruptedInputException("decoded frame fails its CRC32C check (damaged data, or a model that"
                    + " predicts differently from the encoder's)", frame.offset());
        }
        contentCrc.update(dst, 0, n);
        decodedBytes += n;
    }

    /** Checks the end record that {@code reader} has just read against everything decoded. */
    public void checkEnd(FrameReader reader) throws CorruptedInputException {
        reader.checkEnd(decodedBytes, (int) contentCrc.getValue());
    }

    /** Original bytes decoded so far. */
    public long decodedBytes() {
        return decodedBytes;
    }

    @Override
    public void close() throws IOException {
        decoder.close();
    }
}
