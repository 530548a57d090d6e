package io.kolmo.model.codec;

import io.kolmo.codec.BatchBlockDecoder;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.ParallelFrames;
import io.kolmo.model.LogitCdf;
import io.kolmo.model.ModelThreads;
import io.kolmo.model.net.ByteModel;
import io.kolmo.rangecoder.RangeDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Decodes frames with incremental model evaluation (a KV cache), several frames in lock-step as one
 * batch. For each window of the schedule the cache is emptied and refilled: window 0 is fed byte 0,
 * window {@code k >= 1} the already decoded bytes before the first byte it codes (a stride's worth)
 * at once; then each decoded byte is fed one at a time. The logits are those the encoder's
 * full-window calls saw (the {@link ByteModel} contract), so the frequency tables are identical.
 *
 * <p>A batch of several frames is split over the available cores ({@link ModelThreads}): each
 * thread decodes its share of consecutive frames in runs of up to {@value #LOCKSTEP} in lock-step,
 * with a cache of its own.
 *
 * <p>Frames of a batch may differ in length: a frame that has ended (or has fewer windows) is fed
 * zeros whose predictions are ignored; the sequences of a batch are independent, so this changes
 * nothing for the others.
 *
 * <p>Not thread-safe.
 */
final class TransformerDecoder implements BatchBlockDecoder {
    /**
     * Most frames a thread of {@link #decodeSideBySide} runs in lock-step: its share of a batch goes
     * in runs of this many. Larger runs share each weight load among more sequences but hold more
     * caches (2 MiB per sequence on the Java network): decoding 1 MB of text in 16 frames on two
     * cores took 128.6 s in runs of 8, 96.6 s in runs of 4 and 96.7 s in runs of 2 (session 7,
     * docs/BENCHMARKS.md).
     */
    static final int LOCKSTEP = 4;

    private final ByteModel model;
    private final FramePlan plan;
    private final LogitCdf cdf;
    private final int batch;
    private ByteModel.Incremental cache;

    TransformerDecoder(ByteModel model, int batch) {
        this.model = model;
        this.plan = new FramePlan(model.info().contextLength());
        this.cdf = new LogitCdf(model.info().logitScale());
        this.batch = batch;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public void decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) throws IOException {
        CorruptedInputException[] failed = decode(List.of(new Block(src, srcOff, srcLen, dst, dstOff, dstLen)));
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    @Override
    public CorruptedInputException[] decode(List<Block> blocks) throws IOException {
        CorruptedInputException[] failed = new CorruptedInputException[blocks.size()];
        for (int i = 0; i < blocks.size(); i += batch) {
            List<Block> chunk = blocks.subList(i, Math.min(blocks.size(), i + batch));
            int threads = ModelThreads.parallelism(chunk.size());
            if (threads == 1) {
                decodeBatch(chunk, failed, i, false);
            } else {
                decodeSideBySide(chunk, failed, i, threads);
            }
        }
        return failed;
    }

    /**
     * Splits {@code blocks} into {@code threads} groups of consecutive frames, each decoded in
     * lock-step on its own thread with its own cache, and waits for all of them.
     */
    private void decodeSideBySide(List<Block> blocks, CorruptedInputException[] failed, int base, int threads)
            throws IOException {
        List<Callable<Void>> tasks = new ArrayList<>(threads);
        int n = blocks.size();
        for (int t = 0; t < threads; t++) {
            int from = n * t / threads;
            int to = n * (t + 1) / threads;
            tasks.add(() -> {
                for (int i = from; i < to; i += LOCKSTEP) {
                    decodeBatch(blocks.subList(i, Math.min(to, i + LOCKSTEP)), failed, base + i, true);
                }
                return null;
            });
        }
        ParallelFrames.all(ModelThreads.pool(), tasks, "transformer");
    }

    /**
     * Decodes {@code blocks} in lock-step; {@code ownCache}: with a cache of its own, closed at the
     * end (a thread of {@link #decodeSideBySide}), else with this decoder's kept cache.
     */
    private void decodeBatch(List<Block> blocks, CorruptedInputException[] failed, int base, boolean ownCache)
            throws IOException {
        int n = blocks.size();
        RangeDecoder[] dec = new RangeDecoder[n];
        byte[][] dst = new byte[n][];
        int[] dstOff = new int[n];
        int[] len = new int[n];
        int maxLen = 0;
        int windows = 0;
        for (int b = 0; b < n; b++) {
            Block block = blocks.get(b);
            dec[b] = new RangeDecoder(block.src(), block.srcOff(), block.srcLen());
            dst[b] = block.dst();
            dstOff[b] = block.dstOff();
            len[b] = block.dstLen();
            maxLen = Math.max(maxLen, len[b]);
            windows = Math.max(windows, plan.windows(len[b]));
            if (len[b] > 0) {
                int v = dec[b].decodeFreq(LogitCdf.TOTAL_BITS) >>> FramePlan.FLAT_BITS;
                dec[b].update(v << FramePlan.FLAT_BITS, 1 << FramePlan.FLAT_BITS, LogitCdf.TOTAL_BITS);
                dst[b][dstOff[b]] = (byte) v;
            }
        }
        if (windows > 0) {
            ByteModel.Incremental inc = ownCache ? model.incremental(n) : cache(n);
            try {
                decodeWindows(inc, windows, maxLen, dec, dst, dstOff, len);
            } finally {
                if (ownCache) {
                    inc.close();
                }
            }
        }
        for (int b = 0; b < n; b++) {
            try {
                dec[b].finish();
            } catch (CorruptedInputException e) {
                failed[base + b] = e;
            }
        }
    }

    private void decodeWindows(ByteModel.Incremental inc, int windows, int maxLen, RangeDecoder[] dec, byte[][] dst,
                               int[] dstOff, int[] len) throws IOException {
        int n = dec.length;
        int context = plan.context();
        int[] freq = new int[FramePlan.SYMBOLS];
        byte[][] prefix = new byte[n][context];
        byte[][] step = new byte[n][1];
        for (int k = 0; k < windows; k++) {
            int start = plan.start(k);
            int from = plan.from(k);
            int maxEnd = Math.min(start + context, maxLen);
            if (from >= maxEnd) {
                continue;
            }
            inc.reset();
            for (int b = 0; b < n; b++) {
                int have = Math.max(0, Math.min(from, len[b]) - start);
                if (have > 0) {
                    System.arraycopy(dst[b], dstOff[b] + start, prefix[b], 0, have);
                }
                java.util.Arrays.fill(prefix[b], have, from - start, (byte) 0);
            }
            int[][] logits = inc.feed(prefix, 0, from - start);
            for (int p = from; p < maxEnd; p++) {
                for (int b = 0; b < n; b++) {
                    if (p < len[b]) {
                        dst[b][dstOff[b] + p] = (byte) decodeSymbol(dec[b], logits[b], freq);
                    }
                }
                if (p + 1 < maxEnd) {
                    for (int b = 0; b < n; b++) {
                        step[b][0] = p < len[b] ? dst[b][dstOff[b] + p] : 0;
                    }
                    logits = inc.feed(step, 0, 1);
                }
            }
        }
    }

    private int decodeSymbol(RangeDecoder dec, int[] logits, int[] freq) {
        cdf.frequencies(logits, 0, FramePlan.SYMBOLS, freq);
        int target = dec.decodeFreq(LogitCdf.TOTAL_BITS);
        int cum = 0;
        int symbol = 0;
        while (symbol < FramePlan.SYMBOLS - 1 && cum + freq[symbol] <= target) {
            cum += freq[symbol];
            symbol++;
        }
        dec.update(cum, freq[symbol], LogitCdf.TOTAL_BITS);
        return symbol;
    }

    /**
     * An incremental evaluation for {@code n} sequences, kept while the batch size stays; used when
     * the batch runs on the calling thread alone, so each step may take a helper thread.
     */
    private ByteModel.Incremental cache(int n) throws IOException {
        if (cache != null && cache.batch() != n) {
            cache.close();
            cache = null;
        }
        if (cache == null) {
            cache = model.incremental(n, ModelThreads.parallelism(2));
        }
        return cache;
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }
}
