package io.kolmo.classic.cm;

import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.rangecoder.RangeDecoder;
import java.io.IOException;
import java.util.Objects;

/**
 * Decodes frames written by {@link CmEncoder}, running the same predictor over the bytes as they
 * are decoded into the destination.
 *
 * <p>Not thread-safe.
 */
final class CmDecoder implements BlockDecoder {
    private final CmLevel level;

    CmDecoder(CmLevel level) {
        this.level = level;
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
