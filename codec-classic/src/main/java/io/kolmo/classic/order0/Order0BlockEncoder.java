package io.kolmo.classic.order0;

import io.kolmo.codec.BlockEncoder;
import io.kolmo.rangecoder.RangeCounter;
import io.kolmo.rangecoder.RangeEncoderToBuffer;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Range-codes each frame with a fresh {@link Order0Model}; {@link #measure} runs the same coding on
 * a {@link RangeCounter}, so it is exact and builds no bytes.
 *
 * <p>Not thread-safe.
 */
final class Order0BlockEncoder implements BlockEncoder {
    @Override
    public void encode(byte[] src, int off, int len, OutputStream out) throws IOException {
        // Text packs to well under half; the buffer grows if a frame does not.
        RangeEncoderToBuffer enc = new RangeEncoderToBuffer(len / 2 + 16);
        Order0Codec.encode(enc, src, off, len);
        enc.writeTo(out);
    }

    @Override
    public long measure(byte[] src, int off, int len) {
        RangeCounter counter = new RangeCounter();
        Order0Codec.encode(counter, src, off, len);
        return counter.bits();
    }
}
