package io.kolmo.model.hybrid;

import io.kolmo.classic.cm.CmLevel;
import io.kolmo.classic.cm.CmPredictor;
import io.kolmo.classic.cm.History;
import io.kolmo.model.LogitCdf;
import java.io.IOException;

/**
 * cm's predictor with the network as one more input group of its mixer: encoder and decoder run
 * the same one, byte by byte: {@link #startByte} before a byte's first bit, then {@link #p()} and
 * {@link #update(int)} per bit.
 *
 * <p>Not thread-safe.
 */
final class HybridPredictor {
    private final CmPredictor cm;
    private final LogitBitModel net;
    private final FrameLogits logits;

    HybridPredictor(History history, CmLevel level, int frameLength, LogitCdf cdf, FrameLogits logits) {
        this.net = new LogitBitModel(cdf, history);
        this.cm = new CmPredictor(history, level, frameLength, net);
        this.logits = logits;
    }

    /** Prepares the network's prediction of frame byte {@code j}; the bytes before it are known. */
    void startByte(int j) throws IOException {
        if (j == 0) {
            net.noPrediction();
        } else {
            int[] row = logits.logits(j);
            net.predictByte(row, logits.offset());
        }
    }

    /** P(next bit is 1), 1..65535 of 65536. */
    int p() {
        return cm.p();
    }

    /** Learns the coded bit. */
    void update(int bit) {
        cm.update(bit);
    }
}
