package io.kolmo.model.codec;

import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.ModelMismatchException;
import io.kolmo.codec.UnsupportedFormatException;
import io.kolmo.codec.format.StreamHeader;
import io.kolmo.model.net.ByteModel;
import io.kolmo.model.net.ModelInfo;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The {@code transformer} codec (id 6): a pretrained byte-level transformer ({@link ByteModel})
 * predicts every byte of a frame from up to a context's worth of preceding bytes of the same frame,
 * and kolmo's range coder codes the byte with the frequency table {@link io.kolmo.model.LogitCdf}
 * derives from the model's integer logits. Byte 0 of a frame is coded with a flat distribution.
 *
 * <p>Frames longer than the model's context are predicted window by window, on the
 * {@link io.kolmo.model.net.WindowSchedule} every model codec shares. Encoding evaluates whole
 * windows, several per model call; decoding feeds a KV cache one byte at a time and decodes up to
 * the batch size of frames in lock-step as one batch ({@link io.kolmo.codec.BatchBlockDecoder}),
 * which is where most of the decoding speed comes from.
 *
 * <p>Options: {@link CodecOptions#frameSize()} (default {@value #DEFAULT_FRAME_SIZE} bytes) and
 * the property {@value #BATCH_PROPERTY} (frames decoded at once, default {@value #DEFAULT_BATCH},
 * 1..{@value #MAX_BATCH}; it does not change the compressed bytes). The frame size trades
 * compression against decoding speed: bytes never see context from an earlier frame, so small
 * frames lose a little at every frame start, while a stream of few large frames leaves the batch
 * decoder with few sequences to run in lock-step (a stream of one frame decodes as a batch of one),
 * and read-ahead holds batch-size frames in memory. Levels are ignored.
 *
 * <p>The stream header records the model's id (SHA-256 of its weights) and parameters (a format
 * version and the context length); a stream is decoded only with the same model, anything else
 * fails with {@link ModelMismatchException} naming both ids.
 *
 * <p>Instances are immutable and thread-safe (the model is shared and thread-safe); the encoders
 * and decoders they create are not thread-safe, each holding its own buffers and KV cache.
 */
public final class TransformerCodec implements Codec {
    /** Codec name. */
    public static final String NAME = "transformer";
    /** Codec id in stream headers. */
    public static final int ID = 6;
    /** Default frame size. */
    public static final int DEFAULT_FRAME_SIZE = 64 << 10;
    /** Option property: how many frames the decoder decodes at once. */
    public static final String BATCH_PROPERTY = "batch";
    /** Default decoding batch. */
    public static final int DEFAULT_BATCH = 16;
    /** Largest decoding batch. */
    public static final int MAX_BATCH = 1024;
    /** Windows per full-window model call when encoding. */
    static final int ENCODE_WINDOWS_PER_CALL = 8;

    /** Version of the parameter block and of the way frames are coded. */
    static final int FORMAT_VERSION = 1;
    private static final int PARAMETERS_LENGTH = 5;

    private final ByteModel model;
    private final ModelInfo info;
    private final CodecOptions options;
    private final int frameSize;
    private final int batch;

    /**
     * A codec predicting with {@code model}, which it does not close (the caller keeps it open while
     * the codec is in use).
     *
     * @throws UnsupportedFormatException if the options are invalid
     */
    public TransformerCodec(ByteModel model, CodecOptions options) throws UnsupportedFormatException {
        this.model = Objects.requireNonNull(model, "model");
        this.info = model.info();
        this.options = Objects.requireNonNull(options, "options");
        this.frameSize = options.frameSizeOr(DEFAULT_FRAME_SIZE);
        if (frameSize > CodecOptions.MAX_FRAME_SIZE) {
            throw new UnsupportedFormatException(NAME + " frame size too large: " + frameSize);
        }
        this.batch = parseBatch(options.property(BATCH_PROPERTY).orElse(null));
    }

    private static int parseBatch(String value) throws UnsupportedFormatException {
        if (value == null) {
            return DEFAULT_BATCH;
        }
        try {
            int b = Integer.parseInt(value.trim());
            if (b >= 1 && b <= MAX_BATCH) {
                return b;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UnsupportedFormatException(NAME + " option " + BATCH_PROPERTY + " must be 1.." + MAX_BATCH + ": '"
                + value + "'");
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

    /** Frames the decoder decodes at once. */
    public int batchSize() {
        return batch;
    }

    /** The model this codec predicts with. */
    public ByteModel model() {
        return model;
    }

    /** Format version, then the context length (4 bytes, little-endian). */
    @Override
    public byte[] parameters() {
        int c = info.contextLength();
        return new byte[] {FORMAT_VERSION, (byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24)};
    }

    @Override
    public byte[] modelId() {
        return info.id();
    }

    /**
     * This codec, or one with the header's frame size, if the header names this model and
     * parameters it understands.
     *
     * @throws ModelMismatchException if the header records no model or another one
     * @throws UnsupportedFormatException if the header is another codec's or its parameters are not
     *     understood
     */
    @Override
    public Codec forStream(StreamHeader header) throws IOException {
        if (header.codecId() != ID) {
            throw new UnsupportedFormatException("not a " + NAME + " stream: codec id " + header.codecId());
        }
        byte[] wanted = header.modelId();
        if (!Arrays.equals(wanted, info.id())) {
            throw new ModelMismatchException(wanted.length == 0 ? "(none recorded)" : HexFormat.of().formatHex(wanted),
                    info.idHex());
        }
        byte[] p = header.parameters();
        if (p.length != PARAMETERS_LENGTH || p[0] != FORMAT_VERSION) {
            throw new UnsupportedFormatException("unsupported " + NAME + " parameters " + HexFormat.of().formatHex(p)
                    + " (this version reads format version " + FORMAT_VERSION + " in " + PARAMETERS_LENGTH + " bytes)");
        }
        int context = (p[1] & 0xFF) | (p[2] & 0xFF) << 8 | (p[3] & 0xFF) << 16 | (p[4] & 0xFF) << 24;
        if (context != info.contextLength()) {
            throw new UnsupportedFormatException(NAME + " stream was coded with context length " + context
                    + " but model " + info.idHex() + " has " + info.contextLength());
        }
        if (header.frameSize() == frameSize) {
            return this;
        }
        if (header.frameSize() > CodecOptions.MAX_FRAME_SIZE) {
            throw new UnsupportedFormatException(NAME + " stream declares frames of " + header.frameSize()
                    + " bytes; at most " + CodecOptions.MAX_FRAME_SIZE + " are supported");
        }
        return new TransformerCodec(model, options.withFrameSize(header.frameSize()));
    }

    @Override
    public BlockEncoder newEncoder() {
        return new TransformerEncoder(model);
    }

    @Override
    public BlockDecoder newDecoder() {
        return new TransformerDecoder(model, batch);
    }

    @Override
    public String toString() {
        return NAME + "[model=" + info.idHex().substring(0, 12) + ", context=" + info.contextLength() + ", frameSize="
                + frameSize + ", batch=" + batch + "]";
    }
}
