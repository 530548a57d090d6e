package io.kolmo.rangecoder;

/**
 * A {@link RangeEncoder} that counts the bytes it would write and keeps none of them: the exact
 * code length of a payload, measured without building it.
 *
 * <p>Not thread-safe.
 */
public final class RangeCounter extends RangeEncoder {
    private long bytes;

    @Override
    protected void emit(int b) {
        bytes++;
    }

    /** Bytes the encoder has written so far (all of them once {@link #finish()} was called). */
    public long bytes() {
        return bytes;
    }

    /** An independent counter in the same state: continuing either leaves the other unchanged. */
    public RangeCounter copy() {
        RangeCounter c = new RangeCounter();
        c.copyStateFrom(this);
        c.bytes = bytes;
        return c;
    }

    /**
     * Code length in bits if the encoder finished now, leaving this counter as it is so that
     * coding can go on.
     */
    public long bitsIfFinished() {
        RangeCounter end = copy();
        end.finish();
        return end.bits();
    }

    /** Code length in bits: eight times {@link #bytes()}. */
    public long bits() {
        return bytes * 8;
    }
}
