package io.kolmo.model.hybrid;

import io.kolmo.classic.cm.CmLevel;
import io.kolmo.classic.cm.History;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.model.LogitCdf;
import io.kolmo.model.net.ByteModel;
import io.kolmo.model.net.WindowSchedule;
import io.kolmo.rangecoder.RangeCounter;
import io.kolmo.rangecoder.RangeEncoder;
import io.kolmo.rangecoder.RangeEncoderToBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Codes frames with a fresh {@link HybridPredictor} each, so frames stay independent; the network's
 * logits come from batched full-window passes. {@link #measure} runs the same model into a
 * {@link RangeCounter}.
 *
 * <p>Not thread-safe.
 */
final class HybridEncoder implements BlockEncoder {
    /** Probability of the leading marker bit (as cm: the payload's first byte is never zero). */
    static final int FRAME_MARK_P1 = 32768;

    private final ByteModel model;
    private final WindowSchedule schedule;
    private final LogitCdf cdf;
    private final CmLevel level;
    /** Whether the network chooses a mixer's weights (format version 4 and later). */
    private final boolean selector;

    HybridEncoder(ByteModel model, WindowSchedule schedule, LogitCdf cdf, CmLevel level, boolean selector) {
        this.model = model;
        this.schedule = schedule;
        this.cdf = cdf;
        this.level = level;
        this.selector = selector;
    }

    @Override
    public void encode(byte[] src, int off, int len, OutputStream out) throws IOException {
        RangeEncoderToBuffer coder = new RangeEncoderToBuffer(len / 3 + 64);
        code(src, off, len, coder);
        coder.writeTo(out);
    }

    @Override
    public long measure(byte[] src, int off, int len) throws IOException {
        RangeCounter counter = new RangeCounter();
        code(src, off, len, counter);
        return counter.bits();
    }

    private void code(byte[] src, int off, int len, RangeEncoder coder) throws IOException {
        Objects.checkFromIndexSize(off, len, src.length);
        History history = new History(src, off, false);
        HybridPredictor predictor = new HybridPredictor(history, level, len, cdf,
                new ForwardLogits(model, schedule, src, off, len), selector);
        coder.encodeBit(FRAME_MARK_P1, 1);
        for (int j = 0; j < len; j++) {
            predictor.startByte(j);
            int c = src[off + j];
            for (int b = 7; b >= 0; b--) {
                int bit = c >>> b & 1;
                coder.encodeBit(predictor.p(), bit);
                predictor.update(bit);
            }
        }
        coder.finish();
    }
}
