package io.kolmo.classic.xz;

import io.kolmo.codec.BlockEncoder;
import java.io.IOException;
import java.io.OutputStream;
import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.FinishableOutputStream;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;

/**
 * Compresses each frame into one raw LZMA2 stream (ending with LZMA2's end marker). The match
 * finder's large arrays are kept in an {@link ArrayCache} between frames instead of reallocated.
 *
 * <p>Not thread-safe.
 */
final class Lzma2BlockEncoder implements BlockEncoder {
    private final int preset;
    private final ArrayCache cache = new BasicArrayCache();

    Lzma2BlockEncoder(int preset) {
        this.preset = preset;
    }

    @Override
    public void encode(byte[] src, int off, int len, OutputStream out) throws IOException {
        FinishableOutputStream lzma2 = options(len).getOutputStream(new FinishableWrapperOutputStream(out), cache);
        lzma2.write(src, off, len);
        // finish(), not close(): the container owns out.
        lzma2.finish();
    }

    private LZMA2Options options(int len) throws UnsupportedOptionsException {
        LZMA2Options options = new LZMA2Options(preset);
        options.setDictSize(Math.max(LZMA2Options.DICT_SIZE_MIN, Math.min(options.getDictSize(), len)));
        return options;
    }
}
