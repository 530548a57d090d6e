package io.kolmo.codec.stream;

import io.kolmo.codec.BatchBlockDecoder;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.format.FrameReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Decodes the frames of one stream and checks each against its CRC32C, and the end record against
 * the totals: the part of reading a kolmo stream that does not depend on where bytes come from.
 * {@link KolmoInputStream} and the Netty decoder both use it.
 *
 * <p>When the codec's decoder is a {@link BatchBlockDecoder}, {@link #decode(List, byte[][])}
 * decodes several frames as one batch and still checks them one by one, in stream order.
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
        verify(frame, dst);
    }

    /**
     * How many frames {@link #decode(List, byte[][])} decodes at once to advantage: the decoder's
     * {@link BatchBlockDecoder#batchSize()}, or 1 when it decodes one frame at a time.
     */
    public int batchSize() {
        return decoder instanceof BatchBlockDecoder b ? Math.max(1, b.batchSize()) : 1;
    }

    /**
     * How far {@link #decode(List, byte[][])} got: the first {@code verified} frames decoded and
     * passed their checks; {@code failure}, when not null, is what the next frame failed with.
     */
    public record BatchResult(int verified, IOException failure) {
    }

    /**
     * Decodes frames (as one batch when the decoder is a {@link BatchBlockDecoder}) into
     * {@code dst[i]} (each at least {@code frames.get(i).originalLength()} long) and checks them in
     * order, as {@link #decode(FrameReader.Frame, byte[])} would one by one. It stops at the first
     * frame that fails; only the frames counted as verified may be used, and only they count towards
     * the end record's totals. The frames' payloads must not share a buffer with each other or with
     * a {@link FrameReader} that goes on reading.
     */
    public BatchResult decode(List<FrameReader.Frame> frames, byte[][] dst) throws IOException {
        if (!(decoder instanceof BatchBlockDecoder batch) || frames.size() <= 1) {
            for (int i = 0; i < frames.size(); i++) {
                try {
                    decode(frames.get(i), dst[i]);
                } catch (CorruptedInputException e) {
                    return new BatchResult(i, e);
                }
            }
            return new BatchResult(frames.size(), null);
        }
        List<BatchBlockDecoder.Block> blocks = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            FrameReader.Frame f = frames.get(i);
            if (f.stored()) {
                System.arraycopy(f.payload(), 0, dst[i], 0, f.originalLength());
            } else {
                blocks.add(new BatchBlockDecoder.Block(f.payload(), 0, f.payloadLength(), dst[i], 0,
                        f.originalLength()));
            }
        }
        CorruptedInputException[] failures = null;
        CorruptedInputException batchFailure = null;
        if (!blocks.isEmpty()) {
            try {
                failures = batch.decode(blocks);
                if (failures.length != blocks.size()) {
                    throw new IllegalStateException("batch decoder returned " + failures.length + " results for "
                            + blocks.size() + " blocks");
                }
            } catch (CorruptedInputException e) {
                batchFailure = e;
            } catch (RuntimeException e) {
                batchFailure = new CorruptedInputException(e.toString(), -1, e);
            }
        }
        int coded = 0;
        for (int i = 0; i < frames.size(); i++) {
            FrameReader.Frame f = frames.get(i);
            try {
                if (!f.stored()) {
                    CorruptedInputException e = batchFailure != null ? batchFailure : failures[coded];
                    coded++;
                    if (e != null) {
                        throw new CorruptedInputException("frame does not decode: " + e.getMessage(), f.offset(), e);
                    }
                }
                verify(f, dst[i]);
            } catch (IOException e) {
                return new BatchResult(i, e);
            }
        }
        return new BatchResult(frames.size(), null);
    }

    private void verify(FrameReader.Frame frame, byte[] dst) throws CorruptedInputException {
        int n = frame.originalLength();
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
