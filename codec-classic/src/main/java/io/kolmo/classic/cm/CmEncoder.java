package io.kolmo.classic.cm;

import io.kolmo.codec.BlockEncoder;
import io.kolmo.rangecoder.RangeCounter;
import io.kolmo.rangecoder.RangeEncoder;
import io.kolmo.rangecoder.RangeEncoderToBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Codes frames with a fresh {@link CmPredictor} each, so frames stay independent; tables are sized
 * to the frame. {@link #measure} runs the same model into a {@link RangeCounter}.
 *
 * <p>Not thread-safe.
 */
final class CmEncoder implements BlockEncoder {
    /** Probability of the leading marker bit. */
    static final int FRAME_MARK_P1 = 32768;

    private final CmLevel level;

    /** Whether large frames run the context models on a second thread ({@link ContextPipeline}). */
    private final boolean pipelined;

    CmEncoder(CmLevel level, boolean pipelined) {
        this.level = level;
        this.pipelined = pipelined;
    }

    @Override
    public void encode(byte[] src, int off, int len, OutputStream out) throws IOException {
        RangeEncoderToBuffer coder = new RangeEncoderToBuffer(len / 3 + 64);
        code(src, off, len, coder);
        coder.writeTo(out);
    }

    @Override
    public long measure(byte[] src, int off, int len) {
        RangeCounter counter = new RangeCounter();
        code(src, off, len, counter);
        return counter.bits();
    }

    private void code(byte[] src, int off, int len, RangeEncoder coder) {
        Objects.checkFromIndexSize(off, len, src.length);
        History history = new History(src, off, false);
        if (!pipelined || !ContextPipeline.worthwhile(len)) {
            code(src, off, len, coder, new CmPredictor(history, level, len));
            return;
        }
        try (ContextPipeline pipeline = new ContextPipeline(src, off, len, level)) {
            code(src, off, len, coder, new CmPredictor(history, level, len, pipeline));
        }
    }

    private static void code(byte[] src, int off, int len, RangeEncoder coder, CmPredictor predictor) {
        // A leading one at even odds puts the code value in the upper half, so the payload has a
        // first byte of at least 0x80: never empty, whatever follows. It costs one bit per frame.
        coder.encodeBit(FRAME_MARK_P1, 1);
        for (int i = off, end = off + len; i < end; i++) {
            int c = src[i];
            for (int b = 7; b >= 0; b--) {
                int bit = c >>> b & 1;
                coder.encodeBit(predictor.p(), bit);
                predictor.update(bit);
            }
        }
        coder.finish();
    }
}
