package io.kolmo.classic.cm;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a frame's {@link ContextModel} on a second thread, ahead of the rest of the predictor, when
 * the bytes are known in advance (compression and measuring). The context models' predictions
 * depend only on the bytes, never on the mixer or the coder, so a producer thread can replay them
 * bit by bit into chunks while the coding thread mixes, refines and codes: the same numbers in the
 * same order as one thread computes them, so the output is byte for byte the same. On two cores
 * this takes about half of the per-bit work off the coding thread. Decoding cannot use it (the
 * bytes are what is being decoded).
 *
 * <p>Per bit the producer writes the model's mixer inputs and {@link ContextModel#known()} as
 * shorts (stretched predictions are within ±2047). Chunks of {@value #CHUNK_BYTES} bytes circulate
 * between a free and a full queue, so memory stays small whatever the frame's size.
 *
 * <p>As a {@link ContextSource}, {@link #predict} hands out the next bit's inputs and
 * {@link #update} has nothing to learn (the producer's model already did). Used by one coding
 * thread; {@link #close} stops the producer early (for example when coding fails).
 */
final class ContextPipeline implements ContextSource, AutoCloseable {
    /** Frames shorter than this are coded on one thread: the hand-over would cost more than it saves. */
    static final int MIN_FRAME = 32 << 10;
    /** Bytes per chunk. */
    static final int CHUNK_BYTES = 4096;
    private static final int CHUNKS = 3;
    private static final short[] FAILED = new short[0];

    private final int inputs;
    private final BlockingQueue<short[]> free = new ArrayBlockingQueue<>(CHUNKS);
    /** One more slot than there are chunks, so the failure marker always fits. */
    private final BlockingQueue<short[]> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private volatile boolean closed;
    private volatile Throwable failure;

    private short[] chunk;
    private int at;
    private int known;

    /**
     * Starts the producer over {@code src[off, off + len)}: a {@link ContextModel} of {@code level},
     * sized for the frame as the one-thread predictor sizes it.
     */
    ContextPipeline(byte[] src, int off, int len, CmLevel level) {
        History h = new History(src, off, false);
        ContextModel contexts = new ContextModel(h, level.contexts(), level.contextTableBits(len), level.fullModels());
        this.inputs = contexts.inputs();
        int chunkLength = CHUNK_BYTES * 8 * (inputs + 1);
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new short[chunkLength]);
        }
        this.at = chunkLength;
        CmThreads.POOL.execute(() -> produce(src, off, len, h, contexts));
    }

    /** Whether frames of {@code length} bytes are worth a producer thread on this machine. */
    static boolean worthwhile(int length) {
        return length >= MIN_FRAME && Runtime.getRuntime().availableProcessors() >= 2;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    private void produce(byte[] src, int off, int len, History h, ContextModel contexts) {
        try {
            int[] st = new int[inputs];
            int n = inputs;
            for (int chunkStart = off, end = off + len; chunkStart < end; chunkStart += CHUNK_BYTES) {
                short[] out = nextFree();
                if (out == null) {
                    return;
                }
                int w = 0;
                for (int i = chunkStart, chunkEnd = Math.min(end, chunkStart + CHUNK_BYTES); i < chunkEnd; i++) {
                    int c = src[i];
                    for (int b = 7; b >= 0; b--) {
                        int bit = c >>> b & 1;
                        contexts.predict(st, 0);
                        for (int j = 0; j < n; j++) {
                            out[w + j] = (short) st[j];
                        }
                        out[w + n] = (short) contexts.known();
                        w += n + 1;
                        h.update(bit);
                        contexts.update(bit);
                    }
                }
                full.add(out);
            }
        } catch (Throwable t) {
            failure = t;
            full.add(FAILED);
        }
    }

    private short[] nextFree() throws InterruptedException {
        while (!closed) {
            short[] out = free.poll(100, TimeUnit.MILLISECONDS);
            if (out != null) {
                return out;
            }
        }
        return null;
    }

    /**
     * Writes the next bit's context-model inputs to {@code st[at..at + inputs())} and moves on; the
     * coding thread calls it once per bit, in order.
     */
    @Override
    public void predict(int[] st, int offset) {
        short[] c = chunk;
        if (c == null || at == c.length) {
            c = nextFull();
        }
        int a = at;
        int n = inputs;
        for (int j = 0; j < n; j++) {
            st[offset + j] = c[a + j];
        }
        known = c[a + n];
        at = a + n + 1;
    }

    /** {@link ContextModel#known()} for the bit whose inputs were written last. */
    @Override
    public int known() {
        return known;
    }

    /** Nothing to learn here: the producer's model took the bit when it replayed the frame. */
    @Override
    public void update(int bit) {
    }

    private short[] nextFull() {
        if (chunk != null) {
            free.add(chunk);
        }
        try {
            short[] c = full.take();
            if (c == FAILED) {
                throw new IllegalStateException("cm context thread failed: " + failure, failure);
            }
            chunk = c;
            at = 0;
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cm context thread", e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
