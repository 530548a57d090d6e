package io.kolmo.classic.zstd;

import com.github.luben.zstd.ZstdDecompressCtx;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.CorruptedInputException;
import java.io.IOException;

/**
 * Decodes one magic-less zstd frame per kolmo frame straight into the output, and insists that it
 * fills the frame exactly. zstd itself refuses a payload that ends early or has bytes after its
 * frame, and a frame longer than the room it is given. The native context is freed by
 * {@link #close()}.
 *
 * <p>Not thread-safe.
 */
final class ZstdBlockDecoder implements BlockDecoder {
    private final ZstdDecompressCtx ctx = new ZstdDecompressCtx().setMagicless(true);
    private boolean closed;

    @Override
    public void decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) throws IOException {
        if (closed) {
            throw new IOException("zstd decoder is closed");
        }
        int n;
        try {
            n = ctx.decompressByteArray(dst, dstOff, dstLen, src, srcOff, srcLen);
        } catch (RuntimeException e) {
            // zstd-jni reports every decoding error as an unchecked ZstdException.
            throw new CorruptedInputException("zstd payload is invalid: " + e.getMessage(), -1, e);
        }
        if (n != dstLen) {
            throw new CorruptedInputException("zstd payload decodes to " + n + " bytes, not " + dstLen, -1);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ctx.close();
        }
    }
}
