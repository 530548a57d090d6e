package io.kolmo.classic.zstd;

import com.github.luben.zstd.util.Native;
import io.kolmo.codec.Availability;

/**
 * Whether zstd-jni's native library loads on this machine. The library is loaded once, on first
 * use, and a failure (no build for this platform, a read-only temp directory...) is kept with its
 * cause instead of escaping from a static initializer.
 *
 * <p>All methods are thread-safe.
 */
public final class ZstdNativeProbe {
    private ZstdNativeProbe() {
    }

    /** The result of loading the native library, computed on the first call. */
    public static Availability availability() {
        return Holder.RESULT;
    }

    /** Runs {@code loader} and turns any failure, {@link Error}s included, into an answer. */
    static Availability probe(Runnable loader) {
        try {
            loader.run();
            return Availability.available();
        } catch (Throwable t) {
            return Availability.unavailable("zstd-jni native library did not load: " + t, t);
        }
    }

    /** Initialised on first use of {@link #availability()}; {@link #probe} never throws. */
    private static final class Holder {
        static final Availability RESULT = probe(Native::load);
    }
}
