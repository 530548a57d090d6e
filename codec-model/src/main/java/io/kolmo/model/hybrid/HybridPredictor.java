package io.kolmo.model.hybrid;

import io.kolmo.classic.cm.Apm;
import io.kolmo.classic.cm.CmLevel;
import io.kolmo.classic.cm.CmPredictor;
import io.kolmo.classic.cm.History;
import io.kolmo.classic.cm.Logistic;
import io.kolmo.model.LogitCdf;
import java.io.IOException;

/**
 * cm's predictor with the network as one more input group of its mixer, followed by an APM whose
 * context is the network's confidence in the byte, the bit it expects and the partial byte, averaged
 * with cm's result: it learns how far to trust the network at each confidence level (with test
 * models it saved 0.1-0.6% on text and cost at most 0.06% on random and binary data).
 *
 * <p>Encoder and decoder run the same predictor, byte by byte: {@link #startByte} before a byte's
 * first bit, then {@link #p()} and {@link #update(int)} per bit. Not thread-safe.
 */
final class HybridPredictor {
    private final History history;
    private final LogitBitModel net;
    private final CmPredictor cm;
    private final Apm apm = new Apm(LogitBitModel.CONFIDENCE_BUCKETS * 2 * 256, 7);
    private final FrameLogits logits;

    /**
     * @param selector whether the network also chooses a mixer's weight set (format version 4 and later;
     *     see {@link LogitBitModel})
     */
    HybridPredictor(History history, CmLevel level, int frameLength, LogitCdf cdf, FrameLogits logits,
                    boolean selector) {
        this.history = history;
        this.net = new LogitBitModel(cdf, history, selector);
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
        // cm.p() runs the network's predict first, so net.p() and net.confidence() are this bit's.
        int p = cm.p();
        int context = (net.confidence() << 1 | (net.p() >= 32768 ? 1 : 0)) << 8 | history.c0();
        int refined = apm.refine(Logistic.stretch(p), context);
        return Math.max(1, Math.min(65535, (p + refined + 1) >> 1));
    }

    /** Learns the coded bit. */
    void update(int bit) {
        apm.update(bit);
        cm.update(bit);
    }
}
