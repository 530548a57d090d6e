package io.kolmo.model.codec;

import io.kolmo.model.net.WindowSchedule;

/**
 * Which frame bytes each window of the {@link WindowSchedule} codes (the schedule's own ranges, so
 * the hybrid codec, which reads the schedule directly, agrees), plus the transformer payload's
 * constants: window 0 codes bytes {@code 1 .. end(0) - 1}; window {@code k >= 1} codes
 * {@code [from(k), end(k))}, every byte after byte 0 exactly once, in order.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class FramePlan {
    /** Symbols per table. */
    static final int SYMBOLS = 256;
    /** Byte 0 of a frame: every value has frequency 2^16 of 2^24. */
    static final int FLAT_BITS = 16;

    private final WindowSchedule schedule;

    FramePlan(int context) {
        this.schedule = new WindowSchedule(context);
    }

    WindowSchedule schedule() {
        return schedule;
    }

    int context() {
        return schedule.context();
    }

    /** Windows a frame of {@code len} bytes needs. */
    int windows(int len) {
        return schedule.windows(len);
    }

    /** First frame byte of window {@code k}. */
    int start(int k) {
        return schedule.start(k);
    }

    /** First frame byte window {@code k} codes (it may be {@code >= end(k, len)}: then none). */
    int from(int k) {
        return schedule.firstPredicted(k);
    }

    /** One past the last frame byte window {@code k} codes. */
    int end(int k, int len) {
        return schedule.endPredicted(k, len);
    }
}
