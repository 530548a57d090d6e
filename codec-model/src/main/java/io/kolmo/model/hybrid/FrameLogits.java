package io.kolmo.model.hybrid;

import io.kolmo.model.net.WindowSchedule;
import java.io.IOException;

/**
 * The network's logits for every byte of one frame, byte by byte in order, by the shared
 * {@link WindowSchedule}: byte {@code j >= 1} is predicted by the one window whose predicted range
 * holds it (the same windows the transformer codec uses). The encoder runs
 * batched full-window passes ({@link ForwardLogits}), the decoder an incremental evaluation
 * ({@link IncrementalLogits}); the model contract makes both give the same numbers.
 *
 * <p>Not thread-safe.
 */
abstract class FrameLogits {
    final WindowSchedule schedule;
    final int len;
    private final int windows;
    /** The window predicting the current byte. */
    int window;
    /** Where {@link #logits(int)}'s row starts in the returned array. */
    int offset;

    FrameLogits(WindowSchedule schedule, int len) {
        this.schedule = schedule;
        this.len = len;
        this.windows = schedule.windows(len);
    }

    /**
     * The logits predicting frame byte {@code j} ({@code 1 <= j < len}), at {@link #offset()} of the
     * returned array. Bytes are asked for in order, each once; bytes before {@code j} are known.
     */
    abstract int[] logits(int j) throws IOException;

    /** Offset of the row {@link #logits(int)} returned. */
    final int offset() {
        return offset;
    }

    /** One past the last byte window {@code k} predicts in this frame. */
    private int predictedEnd(int k) {
        return k + 1 < windows ? schedule.firstPredicted(k + 1) : len;
    }

    /** Moves {@link #window} to the window that predicts byte {@code j}; true if it moved. */
    final boolean advanceTo(int j) {
        boolean moved = false;
        while (j >= predictedEnd(window)) {
            window++;
            moved = true;
        }
        return moved;
    }
}
