package io.kolmo.model.hybrid;

import io.kolmo.classic.cm.CmLevel;
import io.kolmo.classic.cm.History;
import io.kolmo.codec.BatchBlockDecoder;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.ParallelFrames;
import io.kolmo.model.LogitCdf;
import io.kolmo.model.ModelThreads;
import io.kolmo.model.net.ByteModel;
import io.kolmo.model.net.WindowSchedule;
import io.kolmo.rangecoder.RangeDecoder;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Decodes frames written by {@link HybridEncoder}: the same predictor, with the network evaluated
 * incrementally over the bytes as they are decoded. A frame is sequential (cm's state and the
 * network's cache advance byte by byte), but frames are independent: as a {@link BatchBlockDecoder}
 * this decoder takes up to {@link #batchSize()} frames (one per available core, at most
 * {@value CmLevel#MAX_PARALLEL_FRAMES}; one at levels 6-9, whose tables are far larger) and decodes them on
 * that many threads at once ({@link ModelThreads}), each with its own incremental evaluation. A
 * single frame is decoded on the calling thread, which shares each network step with a helper
 * thread when there is a core to spare ({@link ByteModel#incremental(int, int)}).
 *
 * <p>Not thread-safe.
 */
final class HybridDecoder implements BatchBlockDecoder {
    private final ByteModel model;
    private final WindowSchedule schedule;
    private final LogitCdf cdf;
    private final CmLevel level;
    /** Whether the network chooses a mixer's weights (format version 4 and later). */
    private final boolean selector;
    private final int parallel;
    private ByteModel.Incremental incremental;

    HybridDecoder(ByteModel model, WindowSchedule schedule, LogitCdf cdf, CmLevel level, boolean selector) {
        this.model = model;
        this.schedule = schedule;
        this.cdf = cdf;
        this.level = level;
        this.selector = selector;
        this.parallel = level.parallelFrames();
    }

    @Override
    public int batchSize() {
        return parallel;
    }

    @Override
    public CorruptedInputException[] decode(List<Block> blocks) throws IOException {
        if (blocks.size() == 1 || parallel == 1) {
            return ParallelFrames.decodeInTurn(blocks,
                b -> decode(b.src(), b.srcOff(), b.srcLen(), b.dst(), b.dstOff(), b.dstLen()));
        }
        return ParallelFrames.decode(ModelThreads.pool(), blocks, "hybrid", b -> {
            try (ByteModel.Incremental own = model.incremental(1)) {
                decodeFrame(own, b.src(), b.srcOff(), b.srcLen(), b.dst(), b.dstOff(), b.dstLen());
            }
        });
    }

    @Override
    public void decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) throws IOException {
        if (incremental == null && dstLen > 1) {
            incremental = model.incremental(1, ModelThreads.parallelism(2));
        }
        decodeFrame(incremental, src, srcOff, srcLen, dst, dstOff, dstLen);
    }

    private void decodeFrame(ByteModel.Incremental inc, byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff,
                             int dstLen) throws IOException {
        Objects.checkFromIndexSize(dstOff, dstLen, dst.length);
        RangeDecoder coder = new RangeDecoder(src, srcOff, srcLen);
        if (coder.decodeBit(HybridEncoder.FRAME_MARK_P1) != 1) {
            throw new CorruptedInputException("hybrid frame does not start with its marker bit", -1);
        }
        History history = new History(dst, dstOff, true);
        HybridPredictor predictor = new HybridPredictor(history, level, dstLen, cdf,
                new IncrementalLogits(inc, schedule, dst, dstOff, dstLen), selector);
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
