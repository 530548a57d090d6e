package io.kolmo.codec;

import io.kolmo.codec.BatchBlockDecoder.Block;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Decodes the independent frames of a batch on several threads, for {@link BatchBlockDecoder}s whose
 * frames are sequential inside but independent of each other (context mixing, a network decoded
 * step by step). Each block's outcome is kept apart, as {@link BatchBlockDecoder#decode(List)}
 * requires: a frame that does not decode is reported in its slot and the others go on.
 *
 * <pre>{@code
 * CorruptedInputException[] failed = ParallelFrames.decode(pool, blocks, "cm",
 *         b -> decodeOne(b.src(), b.srcOff(), b.srcLen(), b.dst(), b.dstOff(), b.dstLen()));
 * }</pre>
 */
public final class ParallelFrames {
    /** Decodes one block, throwing {@link CorruptedInputException} where its payload does not decode. */
    @FunctionalInterface
    public interface FrameDecoder {
        void decode(Block block) throws IOException;
    }

    private ParallelFrames() {
    }

    /**
     * Decodes every block on {@code pool} and waits for all of them.
     *
     * @param what the codec's name, for messages
     * @return per block, in order: null where it decoded, else why it did not
     * @throws IOException where decoding failed other than by a corrupt frame (the first such
     *     failure, the others suppressed in it); no destination may then be used
     * @throws InterruptedIOException when the calling thread is interrupted (the tasks are cancelled)
     */
    public static CorruptedInputException[] decode(ExecutorService pool, List<Block> blocks, String what,
            FrameDecoder decoder) throws IOException {
        List<Callable<CorruptedInputException>> tasks = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            tasks.add(() -> {
                try {
                    decoder.decode(b);
                    return null;
                } catch (CorruptedInputException e) {
                    return e;
                }
            });
        }
        return all(pool, tasks, what).toArray(new CorruptedInputException[0]);
    }

    /**
     * Runs every task on {@code pool} and waits for all of them (for decoders that split frames into
     * groups of their own).
     *
     * @param what the codec's name, for messages
     * @return the tasks' results, in order
     * @throws IOException where a task failed (the first failure, the others suppressed in it; a
     *     task's IOException as it is, anything else wrapped); no task's output may then be used
     * @throws InterruptedIOException when the calling thread is interrupted (the tasks are cancelled)
     */
    public static <T> List<T> all(ExecutorService pool, List<? extends Callable<T>> tasks, String what)
            throws IOException {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> t : tasks) {
            futures.add(pool.submit(t));
        }
        List<T> results = new ArrayList<>(tasks.size());
        IOException failure = null;
        for (Future<T> f : futures) {
            try {
                results.add(f.get());
            } catch (InterruptedException e) {
                futures.forEach(x -> x.cancel(true));
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while decoding " + what + " frames");
            } catch (ExecutionException e) {
                results.add(null);
                Throwable c = e.getCause();
                IOException io = c instanceof IOException x ? x : new IOException(what + " frame decoding failed: " + c, c);
                if (failure == null) {
                    failure = io;
                } else {
                    failure.addSuppressed(io);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /** Decodes the blocks one after another on the calling thread, each failure in its slot. */
    public static CorruptedInputException[] decodeInTurn(List<Block> blocks, FrameDecoder decoder) throws IOException {
        CorruptedInputException[] failed = new CorruptedInputException[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            try {
                decoder.decode(blocks.get(i));
            } catch (CorruptedInputException e) {
                failed[i] = e;
            }
        }
        return failed;
    }
}
