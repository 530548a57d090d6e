package io.kolmo.model.codec;

import io.kolmo.codec.BlockEncoder;
import io.kolmo.model.LogitCdf;
import io.kolmo.model.net.ByteModel;
import io.kolmo.rangecoder.RangeCounter;
import io.kolmo.rangecoder.RangeEncoder;
import io.kolmo.rangecoder.RangeEncoderToBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Codes a frame with full-window model calls ({@value TransformerCodec#ENCODE_WINDOWS_PER_CALL}
 * windows per {@link ByteModel#forward} call, a short last window padded with zeros, which the
 * model's causality makes harmless). {@link #measure} runs the same coding on a
 * {@link RangeCounter}, so it is exact and builds no bytes.
 *
 * <p>Not thread-safe.
 */
final class TransformerEncoder implements BlockEncoder {
    private final ByteModel model;
    private final FramePlan plan;
    private final LogitCdf cdf;
    private final int[] freq = new int[FramePlan.SYMBOLS];
    private byte[][] windows;

    TransformerEncoder(ByteModel model) {
        this.model = model;
        this.plan = new FramePlan(model.info().contextLength());
        this.cdf = new LogitCdf(model.info().logitScale());
    }

    @Override
    public void encode(byte[] src, int off, int len, OutputStream out) throws IOException {
        RangeEncoderToBuffer enc = new RangeEncoderToBuffer(len / 3 + 16);
        code(enc, src, off, len);
        enc.writeTo(out);
    }

    @Override
    public long measure(byte[] src, int off, int len) throws IOException {
        RangeCounter counter = new RangeCounter();
        code(counter, src, off, len);
        return counter.bits();
    }

    /** Codes one frame into {@code enc} and finishes it. */
    private void code(RangeEncoder enc, byte[] src, int off, int len) throws IOException {
        if (len > 0) {
            enc.encode((src[off] & 0xFF) << FramePlan.FLAT_BITS, 1 << FramePlan.FLAT_BITS, LogitCdf.TOTAL_BITS);
        }
        int count = plan.windows(len);
        int perCall = TransformerCodec.ENCODE_WINDOWS_PER_CALL;
        if (windows == null && count > 0) {
            windows = new byte[perCall][plan.context()];
        }
        for (int k0 = 0; k0 < count; k0 += perCall) {
            int n = Math.min(perCall, count - k0);
            int length = 0;
            for (int i = 0; i < n; i++) {
                length = Math.max(length, plan.schedule().length(k0 + i, len));
            }
            for (int i = 0; i < n; i++) {
                int k = k0 + i;
                int wl = plan.schedule().length(k, len);
                System.arraycopy(src, off + plan.start(k), windows[i], 0, wl);
                Arrays.fill(windows[i], wl, length, (byte) 0);
            }
            // only the rows that predict coded bytes: from each window's first coded byte on
            int first = length - 1;
            for (int i = 0; i < n; i++) {
                first = Math.min(first, plan.schedule().firstRow(k0 + i));
            }
            int[][] logits = model.forward(n == windows.length ? windows : Arrays.copyOf(windows, n), length, first);
            for (int i = 0; i < n; i++) {
                int k = k0 + i;
                int start = plan.start(k);
                for (int p = plan.from(k), end = plan.end(k, len); p < end; p++) {
                    cdf.frequencies(logits[i], (p - start - 1 - first) * FramePlan.SYMBOLS, FramePlan.SYMBOLS, freq);
                    int symbol = src[off + p] & 0xFF;
                    int cum = 0;
                    for (int v = 0; v < symbol; v++) {
                        cum += freq[v];
                    }
                    enc.encode(cum, freq[symbol], LogitCdf.TOTAL_BITS);
                }
            }
        }
        enc.finish();
    }
}
