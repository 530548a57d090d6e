package io.kolmo.model.net;

import io.kolmo.codec.Availability;
import io.kolmo.codec.UnsupportedFormatException;
import io.kolmo.model.OnnxRuntimeProbe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Loads models: the default model bundled in this jar, or a user-given one.
 *
 * <p>A model is an ONNX graph (the incremental graph of {@code training/INTEGER_NETWORK.md}) and,
 * optionally, its {@code KOLMOW01} weight file. When both are given, sha256 of the weights must equal
 * the graph's {@code kolmo.model_id}; the weights also enable the pure-Java {@link ReferenceModel},
 * used for {@link ModelOptions.Backend#REFERENCE} and, with {@link ModelOptions.Backend#AUTO}, when
 * ONNX Runtime does not load here.
 *
 * <p>All methods are thread-safe. Models returned by {@code load} belong to the caller, who closes
 * them; the {@link #shared()} model belongs to this class and is never closed.
 */
public final class Models {
    private static final String DEFAULT_ONNX = "/io/kolmo/model/default.onnx";
    private static final String DEFAULT_WEIGHTS = "/io/kolmo/model/default.weights";

    private static final Object LOCK = new Object();
    private static volatile ByteModel shared;
    private static volatile Availability sharedOrt;
    private static IOException sharedFailure;

    private Models() {
    }

    /**
     * The bundled default model on the best available backend ({@link ModelOptions#defaults()}),
     * loaded once; every caller gets the same thread-safe instance, which must not be closed (its
     * {@code close()} does nothing). When ONNX Runtime cannot run it here, this is the Java reference
     * and {@link #availability()} and {@code backend()} say why.
     *
     * @throws IOException if the bundled model cannot be loaded at all (the failure is kept and
     *     thrown again on later calls)
     */
    public static ByteModel shared() throws IOException {
        ByteModel m = shared;
        if (m != null) {
            return m;
        }
        synchronized (LOCK) {
            if (shared == null) {
                if (sharedFailure != null) {
                    throw new IOException("the bundled model failed to load: " + sharedFailure.getMessage(),
                            sharedFailure);
                }
                try {
                    loadShared();
                } catch (IOException | RuntimeException e) {
                    sharedFailure = e instanceof IOException io ? io : new IOException(e.toString(), e);
                    sharedOrt = Availability.unavailable("the bundled model failed to load: " + e.getMessage(), e);
                    throw e;
                }
            }
            return shared;
        }
    }

    private static void loadShared() throws IOException {
        byte[] onnx = resource(DEFAULT_ONNX);
        byte[] weights = resource(DEFAULT_WEIGHTS);
        WeightsFile wf = WeightsFile.parse(weights);
        Map<String, String> md = OnnxMetadata.read(onnx);
        OrtModel.modelId(md, wf); // both ids must agree
        ByteModel model;
        Availability ort;
        Availability rt = OnnxRuntimeProbe.runtime();
        if (!rt.isAvailable()) {
            model = new ReferenceModel(wf, OrtModel.doubleMeta(md, "kolmo.valid_bits_per_byte"), rt.reason());
            ort = rt;
        } else {
            try {
                model = withJavaSteps(OrtModel.load(onnx, ModelOptions.defaults(), wf), wf, ModelOptions.defaults(),
                        OrtModel.doubleMeta(md, "kolmo.valid_bits_per_byte"));
                ort = Availability.available();
            } catch (IOException e) {
                String why = "ONNX Runtime cannot run the bundled model: " + e.getMessage();
                model = new ReferenceModel(wf, OrtModel.doubleMeta(md, "kolmo.valid_bits_per_byte"), why);
                ort = Availability.unavailable(why, e);
            }
        }
        sharedOrt = ort;
        if (!ort.isAvailable()) {
            System.getLogger(Models.class.getName()).log(System.Logger.Level.WARNING,
                    "kolmo: running the default model on the slow pure-Java reference network: " + ort.reason());
        }
        shared = new Unclosable(model);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Models.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new UnsupportedFormatException("the bundled model resource " + name + " is missing from the"
                        + " class path");
            }
            return in.readAllBytes();
        }
    }

    /**
     * Whether the bundled default model can be run on ONNX Runtime here (CPU or CUDA); when not,
     * the reason. (The Java reference always works but is slow.) Loads the shared model if needed.
     */
    public static Availability availability() {
        if (sharedOrt == null) {
            try {
                shared();
            } catch (IOException | RuntimeException e) {
                // recorded in sharedOrt
            }
        }
        Availability a = sharedOrt;
        return a != null ? a : Availability.unavailable("the bundled model did not load", null);
    }

    /**
     * Loads an ONNX model file; {@code <stem>.weights} next to it (e.g. {@code m.weights} for
     * {@code m.onnx}), when present, enables the Java reference and is checked against the graph's
     * model id.
     */
    public static ByteModel load(Path onnx, ModelOptions options) throws IOException {
        Objects.requireNonNull(onnx, "onnx");
        String name = onnx.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
        Path w = onnx.resolveSibling(stem + ".weights");
        byte[] weights = Files.isRegularFile(w) ? Files.readAllBytes(w) : null;
        return load(Files.readAllBytes(onnx), weights, options);
    }

    /**
     * Loads a model from bytes (not retained); {@code weights} may be null (then no Java reference
     * fallback), {@code onnx} may be null only for backend {@link ModelOptions.Backend#REFERENCE}.
     *
     * <p>Backends: {@code REFERENCE} needs the weights; {@code CPU} and {@code CUDA} need ONNX Runtime
     * (and CUDA) and fail with {@link UnsupportedFormatException} otherwise; {@code AUTO} uses CUDA,
     * else the CPU, else, when ONNX Runtime does not load and weights are given, the reference.
     *
     * @throws io.kolmo.codec.CorruptedInputException if the weights or the ONNX bytes are malformed
     * @throws IOException if the graph's model id is not sha256 of the weights (naming both ids), or
     *     ONNX Runtime rejects the graph
     */
    public static ByteModel load(byte[] onnx, byte[] weights, ModelOptions options) throws IOException {
        return load(onnx, weights, options, OnnxRuntimeProbe.runtime());
    }

    /** As above, with the ONNX Runtime probe's answer given (tests simulate a missing runtime). */
    static ByteModel load(byte[] onnx, byte[] weights, ModelOptions options, Availability rt) throws IOException {
        Objects.requireNonNull(options, "options");
        WeightsFile wf = weights == null ? null : WeightsFile.parse(weights);
        Map<String, String> md = onnx == null ? Map.of() : OnnxMetadata.read(onnx);
        if (onnx != null) {
            OrtModel.modelId(md, wf);
        }
        double bpb = OrtModel.doubleMeta(md, "kolmo.valid_bits_per_byte");
        ModelOptions.Backend backend = options.backend();
        if (backend == ModelOptions.Backend.REFERENCE) {
            if (wf == null) {
                throw new UnsupportedFormatException("the Java reference backend needs the model's weight file");
            }
            return new ReferenceModel(wf, bpb);
        }
        if (onnx == null) {
            throw new IllegalArgumentException("no ONNX model given for backend " + backend);
        }
        if (!rt.isAvailable()) {
            if (backend == ModelOptions.Backend.AUTO && wf != null) {
                return new ReferenceModel(wf, bpb, rt.reason());
            }
            rt.ensureAvailable("ONNX Runtime");
        }
        return withJavaSteps(OrtModel.load(onnx, options, wf), wf, options, bpb);
    }

    /**
     * Under kolmo's default threads (0) on the CPU with the weights at hand, incremental steps run on
     * the Java network ({@link JavaStepsModel}); an explicit thread count keeps everything on ONNX Runtime.
     */
    private static ByteModel withJavaSteps(OrtModel ort, WeightsFile wf, ModelOptions options, double bpb)
            throws IOException {
        if (wf == null || options.threads() != 0 || !ort.onCpu()) {
            return ort;
        }
        try {
            return new JavaStepsModel(ort, new ReferenceModel(wf, bpb));
        } catch (IOException | RuntimeException e) {
            ort.close();
            throw e;
        }
    }

    /** The shared model: closing it does nothing. */
    private static final class Unclosable implements ByteModel {
        private final ByteModel model;

        Unclosable(ByteModel model) {
            this.model = model;
        }

        @Override
        public ModelInfo info() {
            return model.info();
        }

        @Override
        public String backend() {
            return model.backend();
        }

        @Override
        public int[][] forward(byte[][] windows, int length) throws IOException {
            return model.forward(windows, length);
        }

        @Override
        public int[][] forward(byte[][] windows, int length, int first) throws IOException {
            return model.forward(windows, length, first);
        }

        @Override
        public Incremental incremental(int batch) throws IOException {
            return model.incremental(batch);
        }

        @Override
        public Incremental incremental(int batch, int threads) throws IOException {
            return model.incremental(batch, threads);
        }

        @Override
        public void close() {
            // shared: never closed
        }

        @Override
        public String toString() {
            return "shared " + model.info().idHex() + " on " + model.backend();
        }
    }
}
