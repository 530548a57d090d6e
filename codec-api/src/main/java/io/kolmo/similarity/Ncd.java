package io.kolmo.similarity;

import io.kolmo.codec.Codec;
import java.io.IOException;

/**
 * Normalized compression distance: how much two inputs share, as seen by a codec's model.
 *
 * <p>{@code NCD(a, b) = (C(ab) - min(C(a), C(b))) / max(C(a), C(b))}, where {@code C} is the
 * exact code length from {@link Codec#measure(byte[])}. Near 0 for inputs that predict each other
 * well, near 1 (slightly above, for real compressors) for unrelated ones.
 *
 * <pre>{@code
 * double d = Ncd.distance(Codecs.get("cm"), a, b);
 * }</pre>
 *
 * <p>Stateless; all methods are thread-safe if the codec is (kolmo codecs are).
 */
public final class Ncd {
    private Ncd() {
    }

    /** The NCD of {@code a} and {@code b} under {@code codec}. Two empty inputs are at distance 0. */
    public static double distance(Codec codec, byte[] a, byte[] b) throws IOException {
        return distance(codec.measure(a), codec.measure(b), codec.measure(concat(a, b)));
    }

    /** The NCD from already measured code lengths of {@code a}, {@code b} and their concatenation. */
    public static double distance(long bitsA, long bitsB, long bitsAb) {
        long max = Math.max(bitsA, bitsB);
        if (max == 0) {
            return 0;
        }
        return (double) (bitsAb - Math.min(bitsA, bitsB)) / max;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] ab = new byte[a.length + b.length];
        System.arraycopy(a, 0, ab, 0, a.length);
        System.arraycopy(b, 0, ab, a.length, b.length);
        return ab;
    }
}
