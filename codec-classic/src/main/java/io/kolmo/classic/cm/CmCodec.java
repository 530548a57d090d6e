package io.kolmo.classic.cm;

import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.UnsupportedFormatException;
import io.kolmo.codec.format.StreamHeader;
import java.io.IOException;
import java.util.Arrays;

/**
 * Context mixing ("cm"): a pure-Java, lpaq-like model (hashed order-1..6, word, record and sparse
 * contexts, a match model, gated mixers and APM stages; see {@link CmLevel}) driving the shared
 * range coder bit by bit. Integer arithmetic only, so every JVM writes the same bytes.
 *
 * <pre>{@code
 * Codec cm = Codecs.get("cm", CodecOptions.defaults().withLevel(8));
 * byte[] packed = cm.compress(data);
 * }</pre>
 *
 * <p>The stream header carries a format version and the level, which fixes the models and the
 * memory the decoder needs. Instances are immutable and thread-safe.
 */
public final class CmCodec implements Codec {
    /** Codec id in stream headers. */
    public static final int ID = 5;
    /** Codec name. */
    public static final String NAME = "cm";
    /** Default frame size: whole files of most corpora fit one frame, which helps the models. */
    public static final int DEFAULT_FRAME_SIZE = 16 << 20;

    /**
     * 3: levels 6-9 gained the DNA repeat model, run inputs, four contexts and a third mixer.
     * (2: per-value record detection, new contexts, one mixer at the fast levels.) Levels 1-5 model
     * exactly as in version 2, so version 2 streams at those levels still decode.
     */
    private static final int FORMAT_VERSION = 3;
    /** Highest level whose models version 2 shares with this version. */
    private static final int VERSION_2_LEVELS = 5;

    /**
     * Property: how many threads one frame's compression (and measuring) may use, 1 or 2 (the
     * default). With 2, frames of 32 KiB and more run the context models on a second thread
     * ahead of the mixer when the machine has two or more cores; the output is the same bytes
     * either way. Decompression always uses one thread per frame.
     */
    public static final String THREADS_PROPERTY = "threads";

    private final CodecOptions options;
    private final CmLevel level;
    private final int frameSize;
    private final int threads;

    CmCodec(CodecOptions options) {
        this.options = options;
        this.level = CmLevel.of(options.levelOr(CmLevel.DEFAULT));
        this.frameSize = options.frameSizeOr(DEFAULT_FRAME_SIZE);
        this.threads = threads(options);
    }

    private static int threads(CodecOptions options) {
        String value = options.property(THREADS_PROPERTY).orElse("2").trim();
        if (value.equals("1") || value.equals("2")) {
            return Integer.parseInt(value);
        }
        throw new IllegalArgumentException(NAME + " option " + THREADS_PROPERTY + " must be 1 or 2: '" + value + "'");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public CodecOptions options() {
        return options;
    }

    @Override
    public int frameSize() {
        return frameSize;
    }

    /** Threads one frame's compression may use (1 or 2); see {@link #THREADS_PROPERTY}. */
    public int threads() {
        return threads;
    }

    /** The level (1..9) this codec codes with. */
    public int level() {
        return level.level();
    }

    @Override
    public byte[] parameters() {
        return new byte[] {FORMAT_VERSION, (byte) level.level()};
    }

    @Override
    public Codec forStream(StreamHeader header) throws IOException {
        byte[] p = header.parameters();
        if (header.codecId() != ID) {
            throw new UnsupportedFormatException("not a cm stream: codec id " + header.codecId());
        }
        if (p.length != 2 || p[0] != FORMAT_VERSION && p[0] != 2) {
            throw new UnsupportedFormatException("unsupported cm parameters " + Arrays.toString(p)
                    + " (expected version " + FORMAT_VERSION + " and a level)");
        }
        if (p[1] < 1 || p[1] > 9) {
            throw new UnsupportedFormatException("cm level out of range 1..9: " + p[1]);
        }
        if (p[0] == 2 && p[1] > VERSION_2_LEVELS) {
            throw new UnsupportedFormatException("cm stream of format version 2 at level " + p[1]
                    + " was written by an older kolmo whose levels 6-9 modelled differently; this"
                    + " version decodes version 2 only at levels 1-" + VERSION_2_LEVELS);
        }
        if (p[1] == level.level() && header.frameSize() == frameSize) {
            return this;
        }
        return new CmCodec(options.withLevel(p[1]).withFrameSize(header.frameSize()));
    }

    @Override
    public BlockEncoder newEncoder() {
        return new CmEncoder(level, threads > 1);
    }

    @Override
    public BlockDecoder newDecoder() {
        return new CmDecoder(level);
    }

    @Override
    public String toString() {
        return "cm[level=" + level.level() + ", frameSize=" + frameSize + "]";
    }
}
