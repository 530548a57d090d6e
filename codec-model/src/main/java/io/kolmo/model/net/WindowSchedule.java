package io.kolmo.model.net;

/**
 * The window schedule every model codec uses to predict a frame longer than the context: encoder and
 * decoder must agree on it exactly, or the decoder sees other logits than the encoder did.
 *
 * <p>With context {@code C} and stride {@code S} ({@code 1 <= S < C}; {@code floor(C / 2)} unless
 * a codec's format says otherwise): window {@code k} covers frame bytes {@code [k*S, min(k*S + C, len))}.
 * Window 0 predicts bytes {@code 1 .. min(C, len) - 1} (byte 0 of a frame has no context and is coded
 * with a flat distribution); window {@code k >= 1} predicts bytes {@code [(k-1)*S + C, min(k*S + C, len))},
 * the bytes past the previous window's end, so every byte after byte 0 is predicted exactly once, with
 * at least {@code C - S} bytes of context after the first window. A larger stride costs fewer window
 * positions per predicted byte ({@code C / S}) and gives the first predictions of a window less
 * context. The start does not depend on the frame length, so frames of different lengths can be
 * decoded in lock-step. Windows are needed while their predicted range is non-empty.
 */
public final class WindowSchedule {
    private final int context;
    private final int stride;

    /** The schedule with stride {@code floor(context / 2)}. */
    public WindowSchedule(int context) {
        this(context, context / 2);
    }

    /**
     * @throws IllegalArgumentException unless {@code context >= 2} and {@code 1 <= stride < context}
     */
    public WindowSchedule(int context, int stride) {
        if (context < 2 || stride < 1 || stride >= context) {
            throw new IllegalArgumentException("context " + context + ", stride " + stride);
        }
        this.context = context;
        this.stride = stride;
    }

    public int context() {
        return context;
    }

    /** Distance between window starts. */
    public int stride() {
        return stride;
    }

    /** Number of windows for a frame of {@code len} bytes (0 for {@code len <= 1}). */
    public int windows(int len) {
        if (len <= 1) {
            return 0;
        }
        if (len <= context) {
            return 1;
        }
        // window k >= 1 predicts from (k-1)*S + C; needed while that is below len
        return 2 + (len - context - 1) / stride;
    }

    /** First frame byte of window {@code k}. */
    public int start(int k) {
        return k * stride;
    }

    /** Window length for a frame of {@code len} bytes. */
    public int length(int k, int len) {
        return Math.min(context, len - start(k));
    }

    /** First frame byte that window {@code k} predicts (for the last window it may equal the frame length). */
    public int firstPredicted(int k) {
        return k == 0 ? 1 : start(k - 1) + context;
    }

    /**
     * The row of window {@code k} whose logits predict its first predicted byte: its earlier rows are
     * never read, so a batch may ask the model for rows from the smallest of these on
     * ({@link ByteModel#forward(byte[][], int, int)}).
     */
    public int firstRow(int k) {
        return firstPredicted(k) - start(k) - 1;
    }

    /** One past the last frame byte window {@code k} predicts. */
    public int endPredicted(int k, int len) {
        return start(k) + length(k, len);
    }
}
