package io.kolmo.cli;

import java.util.Locale;

/** The numbers {@code -v} reports about one piece of work. */
final class Report {
    private static final double MIB = 1 << 20;

    private Report() {
    }

    /**
     * "{@code 150000 -> 41234 bytes, ratio 3.638, 2.199 bits/byte, 12.3 MiB/s (cm)}": the size before
     * and after (compressed to original when decompressing), how many times smaller the compressed
     * form is, its bits per original byte, and original bytes per second of wall time.
     */
    static String sizes(long original, long compressed, boolean decompressing, long nanos, String codec) {
        double seconds = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "%d -> %d bytes, ratio %.3f, %.3f bits/byte, %.2f MiB/s (%s)",
                decompressing ? compressed : original, decompressing ? original : compressed,
                compressed == 0 ? 0.0 : (double) original / compressed,
                original == 0 ? 0.0 : 8.0 * compressed / original, original / MIB / seconds, codec);
    }
}
