package io.kolmo.model.hybrid;

import io.kolmo.classic.cm.CmLevel;
import io.kolmo.classic.cm.History;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.model.LogitCdf;
import io.kolmo.model.net.ByteModel;
import io.kolmo.model.net.WindowSchedule;
import io.kolmo.rangecoder.RangeDecoder;
import java.io.IOException;
import java.util.Objects;

/**
 * Decodes frames written by {@link HybridEncoder}: the same predictor, with the network evaluated
 * incrementally over the bytes as they are decoded. One frame at a time, batch 1; the incremental
 * evaluation (the network's cache) is opened on first use and kept for the next frames.
 *
 * <p>Not thread-safe.
 */
final class HybridDecoder implements BlockDecoder {
    private final ByteModel model;
    private final WindowSchedule schedule;
    private final LogitCdf cdf;
    private final CmLevel level;
    private ByteModel.Incremental incremental;

    HybridDecoder(ByteModel model, WindowSchedule schedule, LogitCdf cdf, CmLevel level) {
        this.model = model;
        this.schedule = schedule;
        this.cdf = cdf;
        this.level = level;
    }

    @Override
    public void decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) throws IOException {
        Objects.checkFromIndexSize(dstOff, dstLen, dst.length);
        RangeDecoder coder = new RangeDecoder(src, srcOff, srcLen);
        if (coder.decodeBit(HybridEncoder.FRAME_MARK_P1) != 1) {
            throw new CorruptedInputException("hybrid frame does not start with its marker bit", -1);
        }
        if (incremental == null && dstLen > 1) {
            incremental = model.incremental(1);
        }
        History history = new History(dst, dstOff, true);
        HybridPredictor predictor = new HybridPredictor(history, level, dstLen, cdf,
                new IncrementalLogits(incremental, schedule, dst, dstOff, dstLen));
        for (int j = 0; j < dstLen; j++) {
            predictor.startByte(j);
            for (int b = 0; b < 8; b++) {
                predictor.update(coder.decodeBit(predictor.p()));
            }
        }
        try {
            coder.finish();
        } catch (CorruptedInputException e) {
            throw new CorruptedInputException("hybrid frame does not decode: " + e.getMessage(), -1, e);
        }
    }

    @Override
    public void close() {
        if (incremental != null) {
            incremental.close();
            incremental = null;
        }
    }
}
