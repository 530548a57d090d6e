package io.kolmo.classic.cm;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * cm's helper threads: the context-model producers of {@link ContextPipeline} and the frame
 * decoders of {@link CmDecoder}. Daemon threads, created as needed and ended after a minute idle,
 * so a JVM that stops using cm keeps none.
 */
final class CmThreads {
    private static final AtomicInteger COUNT = new AtomicInteger();
    static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kolmo-cm-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private CmThreads() {
    }
}
