package io.kolmo.classic.zstd;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import io.kolmo.codec.BlockEncoder;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Compresses each frame into one magic-less zstd frame. The native context is reused between
 * frames and freed by {@link #close()}.
 *
 * <p>Not thread-safe.
 */
final class ZstdBlockEncoder implements BlockEncoder {
    private final ZstdCompressCtx ctx = new ZstdCompressCtx();
    private byte[] buf = new byte[0];
    private boolean closed;

    ZstdBlockEncoder(int zstdLevel) {
        ctx.setLevel(zstdLevel)
                .setMagicless(true)
                .setContentSize(false)
                .setChecksum(false)
                .setDictID(false);
    }

    @Override
    public void encode(byte[] src, int off, int len, OutputStream out) throws IOException {
        if (closed) {
            throw new IOException("zstd encoder is closed");
        }
        int bound = (int) Math.min(Integer.MAX_VALUE - 8, Zstd.compressBound(len));
        if (buf.length < bound) {
            buf = new byte[bound];
        }
        int n;
        try {
            n = ctx.compressByteArray(buf, 0, buf.length, src, off, len);
        } catch (ZstdException e) {
            throw new IOException("zstd compression failed: " + e.getMessage(), e);
        }
        out.write(buf, 0, n);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ctx.close();
        }
    }
}
