package io.kolmo.model.hybrid;

import io.kolmo.model.net.ByteModel;
import io.kolmo.model.net.WindowSchedule;
import java.io.IOException;

/**
 * The decoder's logits: an incremental evaluation (batch 1) that, at the start of window {@code k},
 * is reset and fed the window's bytes before its first predicted byte at once (byte 0 for window 0,
 * the {@code stride} bytes of context for the others), then one decoded byte at a time.
 *
 * <p>The caller owns {@code incremental} and closes it. Not thread-safe.
 */
final class IncrementalLogits extends FrameLogits {
    private final ByteModel.Incremental incremental;
    private final byte[][] bytes;
    private final int off;

    /**
     * @param dst where the frame is being decoded; bytes before the one asked for must be there
     * @param off index of the frame's first byte in {@code dst}
     */
    IncrementalLogits(ByteModel.Incremental incremental, WindowSchedule schedule, byte[] dst, int off, int len) {
        super(schedule, len);
        this.incremental = incremental;
        this.bytes = new byte[][] {dst};
        this.off = off;
    }

    @Override
    int[] logits(int j) throws IOException {
        int[][] out;
        if (j == 1 || advanceTo(j)) {
            int start = schedule.start(window);
            incremental.reset();
            out = incremental.feed(bytes, off + start, j - start);
        } else {
            out = incremental.feed(bytes, off + j - 1, 1);
        }
        offset = 0;
        return out[0];
    }
}
