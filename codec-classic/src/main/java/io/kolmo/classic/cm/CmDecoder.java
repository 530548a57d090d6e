package io.kolmo.classic.cm;

import io.kolmo.codec.BatchBlockDecoder;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.ParallelFrames;
import io.kolmo.codec.ParallelFrames.FrameDecoder;
import io.kolmo.rangecoder.RangeDecoder;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Decodes frames written by {@link CmEncoder}, running the same predictor over the bytes as they
 * are decoded into the destination. A frame is sequential, but frames are independent: as a
 * {@link BatchBlockDecoder} this decoder takes up to {@link #batchSize()} frames of a stream and
 * decodes them on that many threads at once (streams of one frame decode on the calling thread).
 *
 * <p>Not thread-safe.
 */
final class CmDecoder implements BatchBlockDecoder {
    private final CmLevel level;
    private final int parallel;

    CmDecoder(CmLevel level) {
        this.level = level;
        this.parallel = level.parallelFrames();
    }

    /** Frames decoded side by side: {@link CmLevel#parallelFrames()}. */
    @Override
    public int batchSize() {
        return parallel;
    }

    @Override
    public CorruptedInputException[] decode(List<Block> blocks) throws IOException {
        FrameDecoder one = b -> decode(b.src(), b.srcOff(), b.srcLen(), b.dst(), b.dstOff(), b.dstLen());
        if (blocks.size() == 1 || parallel == 1) {
            return ParallelFrames.decodeInTurn(blocks, one);
        }
        return ParallelFrames.decode(CmThreads.POOL, blocks, CmCodec.NAME, one);
    }

    @Override
    public void decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) throws IOException {
        Objects.checkFromIndexSize(dstOff, dstLen, dst.length);
        RangeDecoder coder = new RangeDecoder(src, srcOff, srcLen);
        History history = new History(dst, dstOff, true);
        if (coder.decodeBit(CmEncoder.FRAME_MARK_P1) != 1) {
            throw new CorruptedInputException("cm frame does not start with its marker bit", -1);
        }
        CmPredictor predictor = new CmPredictor(history, level, dstLen);
        for (int i = 0; i < dstLen; i++) {
            for (int b = 0; b < 8; b++) {
                predictor.update(coder.decodeBit(predictor.p()));
            }
        }
        try {
            coder.finish();
        } catch (CorruptedInputException e) {
            throw new CorruptedInputException("cm frame does not decode: " + e.getMessage(), -1, e);
        }
    }
}
