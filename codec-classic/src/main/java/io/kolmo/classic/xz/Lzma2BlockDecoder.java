package io.kolmo.classic.xz;

import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.CorruptedInputException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMA2Options;

/**
 * Decodes one raw LZMA2 stream per frame with a dictionary as long as the frame, and insists that
 * it fills the frame exactly, ends with LZMA2's end marker and leaves no bytes unread.
 *
 * <p>Not thread-safe.
 */
final class Lzma2BlockDecoder implements BlockDecoder {
    private final ArrayCache cache = new BasicArrayCache();

    @Override
    public void decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) throws IOException {
        ByteArrayInputStream payload = new ByteArrayInputStream(src, srcOff, srcLen);
        LZMA2Options options = new LZMA2Options();
        try {
            options.setDictSize(Math.max(LZMA2Options.DICT_SIZE_MIN, Math.min(LZMA2Options.DICT_SIZE_MAX, dstLen)));
            try (InputStream in = options.getInputStream(payload, cache)) {
                int done = in.readNBytes(dst, dstOff, dstLen);
                if (done < dstLen) {
                    throw new CorruptedInputException("LZMA2 payload decodes to " + done + " bytes, not " + dstLen, -1);
                }
                if (in.read() >= 0) {
                    throw new CorruptedInputException("LZMA2 payload decodes to more than " + dstLen + " bytes", -1);
                }
            }
        } catch (CorruptedInputException e) {
            throw e;
        } catch (EOFException e) {
            throw new CorruptedInputException("LZMA2 payload ends early", srcLen, e);
        } catch (IOException | RuntimeException e) {
            // xz-java reports damage as its own CorruptedInputException, truncation as EOFException.
            throw new CorruptedInputException("LZMA2 payload is invalid: " + e.getMessage(), -1, e);
        }
        if (payload.available() > 0) {
            throw new CorruptedInputException("LZMA2 payload has " + payload.available()
                    + " trailing bytes after its end marker", srcLen - payload.available());
        }
    }
}
