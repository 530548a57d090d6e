package io.kolmo.classic.cm;

/**
 * The logistic domain that models and mixers share. A probability is 16-bit ({@code p} of a one
 * out of 65536); its stretched form {@code ln(p / (1 - p))} is fixed point with 8 fraction bits,
 * clamped to {@code [-2047, 2047]}.
 *
 * <p>The two tables are filled once with {@link StrictMath}, whose results are the same on every
 * JVM, and rounded to integers: everything that codes bits afterwards is integer arithmetic, so
 * streams are identical on every platform. The class is stateless and thread-safe.
 */
public final class Logistic {
    /** Largest magnitude of a stretched probability. */
    public static final int LIMIT = 2047;

    private static final short[] STRETCH = new short[4096];
    private static final int[] SQUASH = new int[2 * LIMIT + 1];

    static {
        for (int i = 0; i < SQUASH.length; i++) {
            double x = (i - LIMIT) / 256.0;
            int p = (int) StrictMath.round(65536.0 / (1.0 + StrictMath.exp(-x)));
            SQUASH[i] = Math.max(1, Math.min(65535, p));
        }
        for (int i = 0; i < STRETCH.length; i++) {
            double p = (i + 0.5) / 4096.0;
            long s = StrictMath.round(256.0 * StrictMath.log(p / (1.0 - p)));
            STRETCH[i] = (short) Math.max(-LIMIT, Math.min(LIMIT, s));
        }
    }

    private Logistic() {
    }

    /** Stretched form of a 16-bit probability (resolution 1/4096). */
    public static int stretch(int p16) {
        return STRETCH[p16 >>> 4];
    }

    /** Probability (1..65535 of 65536) of a stretched value; clamps its argument. */
    public static int squash(int st) {
        if (st > LIMIT) {
            st = LIMIT;
        } else if (st < -LIMIT) {
            st = -LIMIT;
        }
        return SQUASH[st + LIMIT];
    }

    /** Clamps a stretched value to {@code [-LIMIT, LIMIT]}. */
    public static int clamp(int st) {
        return st > LIMIT ? LIMIT : Math.max(st, -LIMIT);
    }
}
