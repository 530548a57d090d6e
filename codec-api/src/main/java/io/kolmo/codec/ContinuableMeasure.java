package io.kolmo.codec;

/**
 * Optional capability of a {@link Codec}: measuring that can be paused, copied and continued, so
 * that the code length of {@code x} followed by many different {@code y} reuses the work done for
 * {@code x} (NCD classification measures {@code C(xy)} for one {@code x} and many {@code y}).
 *
 * <pre>{@code
 * if (codec instanceof ContinuableMeasure c) {
 *     MeasureState afterX = c.startMeasure();
 *     afterX.update(x, 0, x.length);
 *     MeasureState xy = afterX.copy();
 *     xy.update(y, 0, y.length);
 *     long bits = xy.bits();               // equals codec.measure(x ++ y) for one-frame inputs
 * }
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe, like every codec; the states are not.
 */
public interface ContinuableMeasure {
    /** A fresh state, as at the start of a frame. */
    MeasureState startMeasure();

    /** A measuring model state. Not thread-safe. */
    interface MeasureState {
        /** Feeds more input. */
        void update(byte[] data, int off, int len);

        /** Exact code length in bits of everything fed so far, as if the frame ended here. */
        long bits();

        /** An independent copy: feeding one leaves the other unchanged. */
        MeasureState copy();
    }
}
