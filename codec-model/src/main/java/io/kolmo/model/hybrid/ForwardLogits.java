package io.kolmo.model.hybrid;

import io.kolmo.model.net.ByteModel;
import io.kolmo.model.net.WindowSchedule;
import java.io.IOException;

/**
 * The encoder's logits: batched full-window passes over the frame's windows, a batch at a time,
 * so the logits of a whole frame are never held at once. A short last window is padded with zeros;
 * the network is causal, so the padding changes no row that is used.
 *
 * <p>Not thread-safe.
 */
final class ForwardLogits extends FrameLogits {
    /** Rows (window positions) per batch: with 256 logits each, 16 MiB of logits at most. */
    private static final int BATCH_ROWS = 1 << 14;

    private final ByteModel model;
    private final byte[] src;
    private final int off;
    private final int batch;
    /** First window of the batch held in {@link #rows}. */
    private int batchStart;
    /** Window row that row 0 of {@link #rows} holds (rows before it predict nothing in this frame). */
    private int rowFrom;
    private int[][] rows;

    ForwardLogits(ByteModel model, WindowSchedule schedule, byte[] src, int off, int len) {
        super(schedule, len);
        this.model = model;
        this.src = src;
        this.off = off;
        this.batch = Math.max(1, BATCH_ROWS / schedule.context());
    }

    @Override
    int[] logits(int j) throws IOException {
        if (rows == null) {
            forward(0);
        } else if (advanceTo(j) && window >= batchStart + rows.length) {
            forward(window);
        }
        offset = (j - schedule.start(window) - 1 - rowFrom) * 256;
        return rows[window - batchStart];
    }

    private void forward(int firstWindow) throws IOException {
        int count = Math.min(batch, schedule.windows(len) - firstWindow);
        int length = 0;
        for (int k = firstWindow; k < firstWindow + count; k++) {
            length = Math.max(length, schedule.length(k, len));
        }
        byte[][] windows = new byte[count][length];
        // the rows before a window's first predicted byte are never read: the model may skip them
        int from = length - 1;
        for (int k = firstWindow; k < firstWindow + count; k++) {
            System.arraycopy(src, off + schedule.start(k), windows[k - firstWindow], 0, schedule.length(k, len));
            from = Math.min(from, schedule.firstRow(k));
        }
        rows = model.forward(windows, length, from);
        rowFrom = from;
        batchStart = firstWindow;
    }
}
