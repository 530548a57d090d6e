package io.kolmo.classic.deflate;

import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.CorruptedInputException;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes one raw deflate stream per frame and insists that it fills the frame exactly: a payload
 * that ends before its final block, decodes to fewer or more bytes, or has bytes after the final
 * block is corrupt.
 *
 * <p>Not thread-safe.
 */
final class DeflateBlockDecoder implements BlockDecoder {
    private final Inflater inflater = new Inflater(true);
    private final byte[] probe = new byte[1];
    private boolean closed;

    @Override
    public void decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) throws IOException {
        if (closed) {
            throw new IOException("deflate decoder is closed");
        }
        inflater.reset();
        inflater.setInput(src, srcOff, srcLen);
        try {
            int done = 0;
            while (done < dstLen) {
                int n = inflater.inflate(dst, dstOff + done, dstLen - done);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                done += n;
            }
            if (done < dstLen) {
                throw new CorruptedInputException(inflater.finished()
                        ? "deflate payload decodes to " + done + " bytes, not " + dstLen
                        : "deflate payload ends early, after " + done + " of " + dstLen + " bytes", -1);
            }
            if (!inflater.finished() && inflater.inflate(probe) > 0) {
                throw new CorruptedInputException("deflate payload decodes to more than " + dstLen + " bytes", -1);
            }
            if (!inflater.finished()) {
                throw new CorruptedInputException("deflate payload ends before its final block", -1);
            }
        } catch (DataFormatException e) {
            throw new CorruptedInputException("deflate payload is invalid: " + e.getMessage(), -1, e);
        }
        if (inflater.getRemaining() > 0) {
            throw new CorruptedInputException("deflate payload has " + inflater.getRemaining()
                    + " trailing bytes after its final block", -1);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            inflater.end();
        }
    }
}
