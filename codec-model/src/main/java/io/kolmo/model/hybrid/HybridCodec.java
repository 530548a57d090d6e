package io.kolmo.model.hybrid;

import io.kolmo.classic.cm.CmCodec;
import io.kolmo.classic.cm.CmLevel;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.ModelMismatchException;
import io.kolmo.codec.UnsupportedFormatException;
import io.kolmo.codec.format.StreamHeader;
import io.kolmo.model.LogitCdf;
import io.kolmo.model.net.ByteModel;
import io.kolmo.model.net.ModelInfo;
import io.kolmo.model.net.WindowSchedule;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Hybrid ("hybrid"): the pretrained byte transformer's prediction mixed with cm's context models in
 * cm's logistic mixer and APM stage, so the codec adapts to the file: the network brings prior
 * knowledge of language and code, cm the file's own repeats and structure. When the network
 * predicts badly (binary or random data) the mixer learns to give it little weight.
 *
 * <p>Per bit the network's input is the share, in the subtree the partial byte has reached, of the
 * one-subtree of the byte's integer frequency table ({@link LogitCdf}); see {@code LogitBitModel}.
 * The network's logits are integers and everything after them is integer arithmetic, so every JVM
 * and backend (ONNX Runtime on CPU or CUDA, the Java reference) writes and reads the same bytes.
 * The encoder evaluates each frame by batched full-window passes over the {@link WindowSchedule}
 * windows; the decoder evaluates incrementally as it decodes (a network step per byte, several
 * frames side by side on several cores), which is far slower. The first byte of a frame has no prediction from the network.
 *
 * <pre>{@code
 * Codec hybrid = Codecs.get("hybrid");                       // the bundled default model
 * Codec mine = new HybridCodec(myModel, CodecOptions.defaults().withLevel(6));
 * byte[] packed = mine.compress(data);
 * }</pre>
 *
 * <p>The stream header records the model's id (its SHA-256), a format version, the cm level
 * (1..9, as cm's: it fixes the context models and their memory) and the window stride
 * ({@value #STRIDE_PROPERTY} property). A stream decodes only with the
 * model that wrote it: {@link #forStream} throws {@link ModelMismatchException} otherwise.
 *
 * <p>Instances are immutable and thread-safe as long as the model is (every {@link ByteModel} is);
 * the encoders and decoders they create are not thread-safe. The codec does not own the model and
 * never closes it.
 */
public final class HybridCodec implements Codec {
    /** Codec id in stream headers. */
    public static final int ID = 7;
    /** Codec name. */
    public static final String NAME = "hybrid";
    /**
     * Default frame size, 16 MiB, as cm's: whole files up to that size in one model. 1 MiB frames
     * (the default until session 4) cost the long history: with the default model and cm level 4,
     * bible.txt (4 MB) measured 1.427 bits/byte in 1 MiB frames against cm's 1.367, world192.txt
     * 1.296 against 1.217. Smaller frames ({@link CodecOptions#withFrameSize}) decode faster on
     * several cores (frames decode side by side) at that cost; cm's tables are sized to the frame.
     */
    public static final int DEFAULT_FRAME_SIZE = 16 << 20;

    /**
     * 4: version 3 plus a mixer whose weight set the network's bit probability chooses
     * ({@link LogitBitModel}). 3: version 2 plus the window stride. 2: cm format 3 models plus the
     * network's two inputs, stride C / 2. (1: cm format 2's.) Levels 1-5 are the same in versions 1-3,
     * so version 1 streams at those levels still decode; versions 2-4 all decode.
     */
    private static final int FORMAT_VERSION = 4;
    /** The first version whose network chooses a mixer's weights. */
    private static final int SELECTOR_VERSION = 4;
    /** Highest level whose models version 1 shares with this version. */
    private static final int VERSION_1_LEVELS = 5;
    /** The stride is written as two bytes. */
    private static final int MAX_STRIDE = 0xFFFF;
    /**
     * Codec property: the distance between window starts, 1 .. C-1 (C = the model's context); default
     * 3C/4 (384 for the default model's 512). Each window evaluates C positions for its S new
     * predictions, so the network's cost per byte is C / S; a byte predicted first in its window
     * still sees C - S bytes. Measured with the default model (bin/kolmo measure, alice29.txt and
     * fields.c, training job beside): stride 256 -> 384 -> 448 cost 0 / +0.01 % / +0.07 % of the
     * code length and ran 31.7 / 19.8 / 20.8 s; cm's models carry the context the network loses.
     * (The transformer codec alone lost 0.8 % at 384, so it keeps C / 2.)
     */
    public static final String STRIDE_PROPERTY = "stride";

    private final ByteModel model;
    private final ModelInfo info;
    private final CodecOptions options;
    private final CmLevel level;
    private final int frameSize;
    private final WindowSchedule schedule;
    private final LogitCdf cdf;
    /** The format version this codec writes and reads: {@link #FORMAT_VERSION} unless made by {@link #forStream}. */
    private final int version;

    /**
     * A hybrid codec predicting with {@code model}, which the caller keeps open while the codec is
     * in use and closes afterwards.
     *
     * @param options the level (1..9, cm's levels; 0 for cm's default) and the frame size
     */
    public HybridCodec(ByteModel model, CodecOptions options) {
        this(model, options, FORMAT_VERSION);
    }

    private HybridCodec(ByteModel model, CodecOptions options, int version) {
        this.version = version;
        this.model = Objects.requireNonNull(model, "model");
        this.info = model.info();
        this.options = Objects.requireNonNull(options, "options");
        this.level = CmLevel.of(options.levelOr(CmLevel.DEFAULT));
        this.frameSize = options.frameSizeOr(DEFAULT_FRAME_SIZE);
        this.schedule = new WindowSchedule(info.contextLength(), stride(options, info.contextLength()));
        this.cdf = new LogitCdf(info.logitScale());
    }

    private static int stride(CodecOptions options, int context) {
        String value = options.property(STRIDE_PROPERTY).orElse(null);
        if (value == null) {
            return Math.max(1, Math.min(MAX_STRIDE, context * 3 / 4));
        }
        try {
            int stride = Integer.parseInt(value.trim());
            if (stride >= 1 && stride < context && stride <= MAX_STRIDE) {
                return stride;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(NAME + " option " + STRIDE_PROPERTY + " must be 1.."
                + Math.min(context - 1, MAX_STRIDE) + " for a context of " + context + ": '" + value + "'");
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

    /** The cm level (1..9) this codec mixes with. */
    public int level() {
        return level.level();
    }

    /** The model this codec predicts with. */
    public ByteModel model() {
        return model;
    }

    /** Distance between window starts (see {@link #STRIDE_PROPERTY}). */
    public int stride() {
        return schedule.stride();
    }

    /**
     * Versions 3 and 4: {@code [version, level, stride low byte, stride high byte]}; versions 1 and 2 (a
     * codec {@link #forStream} made for such a stream): {@code [version, level]}.
     */
    @Override
    public byte[] parameters() {
        int stride = schedule.stride();
        if (version < 3) {
            return new byte[] {(byte) version, (byte) level.level()};
        }
        return new byte[] {(byte) version, (byte) level.level(), (byte) stride, (byte) (stride >>> 8)};
    }

    /** The format version this codec writes and reads (the latest, unless {@link #forStream} made it). */
    public int formatVersion() {
        return version;
    }

    @Override
    public byte[] modelId() {
        return info.id();
    }

    /**
     * @throws ModelMismatchException if the stream was written with another model (both ids in hex)
     * @throws UnsupportedFormatException if the parameters are not this format's
     */
    @Override
    public Codec forStream(StreamHeader header) throws IOException {
        if (header.codecId() != ID) {
            throw new UnsupportedFormatException("not a hybrid stream: codec id " + header.codecId());
        }
        byte[] p = header.parameters();
        boolean known = p.length == 2 && (p[0] == 1 || p[0] == 2) || p.length == 4 && (p[0] == 3 || p[0] == 4);
        if (!known) {
            throw new UnsupportedFormatException("unsupported hybrid parameters " + Arrays.toString(p)
                    + " (expected version 3 or " + FORMAT_VERSION + ", a level and a stride, or version 1 or 2 and a level)");
        }
        if (p[1] < 1 || p[1] > 9) {
            throw new UnsupportedFormatException("hybrid level out of range 1..9: " + p[1]);
        }
        if (p[0] == 1 && p[1] > VERSION_1_LEVELS) {
            throw new UnsupportedFormatException("hybrid stream of format version 1 at level " + p[1]
                    + " was written by an older kolmo whose cm levels 6-9 modelled differently; this"
                    + " version decodes version 1 only at levels 1-" + VERSION_1_LEVELS);
        }
        if (!Arrays.equals(header.modelId(), info.id())) {
            throw new ModelMismatchException(header.modelIdHex().isEmpty() ? "(none)" : header.modelIdHex(),
                    info.idHex());
        }
        int context = info.contextLength();
        int stride = p.length == 4 ? (p[2] & 0xFF) | (p[3] & 0xFF) << 8 : context / 2;
        if (stride < 1 || stride >= context) {
            throw new UnsupportedFormatException("hybrid stream declares a window stride of " + stride
                    + "; the model's context of " + context + " allows 1.." + (context - 1));
        }
        if (p[0] == version && p[1] == level.level() && header.frameSize() == frameSize && stride == schedule.stride()) {
            return this;
        }
        return new HybridCodec(model, options.withLevel(p[1]).withFrameSize(header.frameSize())
                .with(STRIDE_PROPERTY, Integer.toString(stride)), p[0]);
    }

    @Override
    public BlockEncoder newEncoder() {
        return new HybridEncoder(model, schedule, cdf, level, version >= SELECTOR_VERSION);
    }

    @Override
    public BlockDecoder newDecoder() {
        return new HybridDecoder(model, schedule, cdf, level, version >= SELECTOR_VERSION);
    }

    @Override
    public String toString() {
        return "hybrid[version=" + version + ", level=" + level.level() + ", frameSize=" + frameSize
                + ", stride=" + schedule.stride()
                + ", model=" + info.idHex() + "]";
    }
}
