package io.kolmo.model.codec;

import io.kolmo.codec.Availability;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CodecProvider;
import io.kolmo.codec.ModelMismatchException;
import io.kolmo.codec.UnsupportedFormatException;
import io.kolmo.codec.format.StreamHeader;
import io.kolmo.model.net.ByteModel;
import io.kolmo.model.net.Models;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Service provider of the {@link TransformerCodec transformer} codec (id 6), predicting with the
 * bundled default model ({@link Models#shared()}). Listing providers loads nothing: the model is
 * loaded the first time availability is asked or a codec is created, once per JVM; when it does not
 * load, the codec is unavailable and the reason says why.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TransformerCodecProvider implements CodecProvider {
    /** Where the model comes from; tests in this package replace it. */
    private static volatile Supplier<Loaded> source = TransformerCodecProvider::sharedModel;
    private static volatile Loaded shared;

    /** The model, or why there is none. */
    /** {@code onRuntime}: whether ONNX Runtime (not the Java reference) runs the model. */
    record Loaded(ByteModel model, Availability availability, Availability onRuntime) {
    }

    @Override
    public String name() {
        return TransformerCodec.NAME;
    }

    @Override
    public int id() {
        return TransformerCodec.ID;
    }

    @Override
    public String description() {
        return "pretrained byte-level transformer (ONNX Runtime, CUDA when present, else a pure-Java reference);"
                + " decodes frames in lock-step batches";
    }

    @Override
    public Availability availability() {
        return source.get().availability();
    }

    /** The default codec only where ONNX Runtime runs the default model (the hybrid is preferred anyway). */
    @Override
    public Availability defaultAvailability() {
        Loaded loaded = source.get();
        return loaded.availability().isAvailable() ? loaded.onRuntime() : loaded.availability();
    }

    @Override
    public Codec create(CodecOptions options) throws UnsupportedFormatException {
        Loaded loaded = source.get();
        loaded.availability().ensureAvailable("codec '" + TransformerCodec.NAME + "'");
        return new TransformerCodec(loaded.model(), options);
    }

    /**
     * A codec for this header; when no model could be loaded, a {@link ModelMismatchException}
     * naming the model the stream needs.
     */
    @Override
    public Codec forStream(StreamHeader header) throws IOException {
        Loaded loaded = source.get();
        if (!loaded.availability().isAvailable()) {
            ModelMismatchException e = new ModelMismatchException(
                    header.modelId().length == 0 ? "(none recorded)" : header.modelIdHex(), null);
            loaded.availability().cause().ifPresent(e::initCause);
            throw e;
        }
        return new TransformerCodec(loaded.model(), CodecOptions.defaults()).forStream(header);
    }

    private static Loaded sharedModel() {
        Loaded l = shared;
        if (l == null) {
            synchronized (TransformerCodecProvider.class) {
                l = shared;
                if (l == null) {
                    l = load();
                    shared = l;
                }
            }
        }
        return l;
    }

    private static Loaded load() {
        try {
            ByteModel model = Models.shared();
            model.info();
            return new Loaded(model, Availability.available(), Models.availability());
        } catch (Exception | LinkageError e) {
            Availability no = Availability.unavailable("the default transformer model did not load: " + e, e);
            return new Loaded(null, no, no);
        }
    }

    /** Makes every provider use {@code model} (null: the bundled default again). For tests. */
    static void useModelForTests(ByteModel model) {
        if (model == null) {
            source = TransformerCodecProvider::sharedModel;
        } else {
            Loaded l = new Loaded(model, Availability.available(), Availability.available());
            source = () -> l;
        }
    }
}
