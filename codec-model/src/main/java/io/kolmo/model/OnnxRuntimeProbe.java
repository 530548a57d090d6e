package io.kolmo.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.kolmo.codec.Availability;

/**
 * Finds out, once and lazily, whether ONNX Runtime's native library loads here and whether its
 * CUDA execution provider initialises, keeping the failure instead of throwing it from a static
 * initializer.
 *
 * <p>Thread-safe.
 */
public final class OnnxRuntimeProbe {
    private static volatile Availability runtime;
    private static volatile Availability cuda;

    private OnnxRuntimeProbe() {
    }

    /** Whether ONNX Runtime's native library loads. */
    public static Availability runtime() {
        Availability a = runtime;
        if (a == null) {
            synchronized (OnnxRuntimeProbe.class) {
                a = runtime;
                if (a == null) {
                    try {
                        OrtEnvironment.getEnvironment();
                        a = Availability.available();
                    } catch (Throwable t) {
                        a = Availability.unavailable("ONNX Runtime did not load: " + t, t);
                    }
                    runtime = a;
                }
            }
        }
        return a;
    }

    /** Whether the CUDA execution provider is present and initialises on device 0. */
    public static Availability cuda() {
        Availability a = cuda;
        if (a == null) {
            synchronized (OnnxRuntimeProbe.class) {
                a = cuda;
                if (a == null) {
                    a = probeCuda(0);
                    cuda = a;
                }
            }
        }
        return a;
    }

    /** Probes CUDA on one device, without caching. */
    public static Availability probeCuda(int deviceId) {
        Availability rt = runtime();
        if (!rt.isAvailable()) {
            return rt;
        }
        try {
            if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                return Availability.unavailable("this ONNX Runtime build has no CUDA provider (use the onnxruntime_gpu"
                        + " artifact: mvn -Pgpu)", null);
            }
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.addCUDA(deviceId);
            }
            return Availability.available();
        } catch (Throwable t) {
            return Availability.unavailable("CUDA provider did not initialise on device " + deviceId + ": " + t, t);
        }
    }
}
