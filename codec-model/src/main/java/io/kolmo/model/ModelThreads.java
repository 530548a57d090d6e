package io.kolmo.model;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model codecs' helper threads (frames decoded side by side): daemon threads, created as
 * needed and ended after a minute idle, so a JVM that stops decoding keeps none. Shared by every
 * decoder, so no decoder owns threads that its {@code close()} must end. Internal to kolmo's
 * codecs.
 */
public final class ModelThreads {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kolmo-model-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private ModelThreads() {
    }

    /** The shared pool; never shut down. */
    public static ExecutorService pool() {
        return POOL;
    }

    /** Threads worth using for {@code tasks} independent tasks: one per available core, at most {@code tasks}. */
    public static int parallelism(int tasks) {
        return Math.max(1, Math.min(tasks, Runtime.getRuntime().availableProcessors()));
    }
}
