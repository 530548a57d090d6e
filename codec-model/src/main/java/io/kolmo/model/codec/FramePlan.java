package io.kolmo.model.codec;

import io.kolmo.model.net.WindowSchedule;

/**
 * Which frame bytes each window of the {@link WindowSchedule} codes, so that every byte after byte 0
 * is coded exactly once, in order: window 0 codes bytes {@code 1 .. end(0) - 1}; window
 * {@code k >= 1} codes {@code [from(k), end(k))}. With an even context (every shipped model)
 * {@code from(k)} is the schedule's {@link WindowSchedule#firstPredicted(int)}; with an odd one,
 * where consecutive windows would both predict one byte, the earlier window (the one with more
 * context) codes it. {@code from(k)} does not depend on the frame length, which lets frames of
 * different lengths be decoded in lock-step.
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
        return k == 0 ? 1 : Math.max(schedule.firstPredicted(k), schedule.start(k - 1) + schedule.context());
    }

    /** One past the last frame byte window {@code k} codes. */
    int end(int k, int len) {
        return schedule.endPredicted(k, len);
    }
}
