package io.kolmo.classic.order0;

import io.kolmo.classic.internal.ClassicCodec;
import io.kolmo.codec.BlockDecoder;
import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.ContinuableMeasure;
import io.kolmo.rangecoder.RangeCounter;
import io.kolmo.rangecoder.RangeDecoder;
import io.kolmo.rangecoder.RangeEncoder;

/**
 * The smallest model codec: each byte is coded with the range coder's multi-symbol path from an
 * adaptive order-0 frequency table ({@link Order0Model}) that starts afresh in every frame. It
 * takes no levels. Measuring runs the same model on a counting coder, so
 * {@link #measure(byte[])} equals the payload bits exactly and builds no output.
 *
 * <pre>{@code
 * long bits = Codecs.get("order0").measure(data);   // about the order-0 entropy of data
 * }</pre>
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class Order0Codec extends ClassicCodec implements ContinuableMeasure {
    public static final String NAME = "order0";
    public static final int ID = 4;
    static final int DEFAULT_FRAME_SIZE = 1 << 20;

    public Order0Codec(CodecOptions options) {
        super(NAME, ID, options, DEFAULT_FRAME_SIZE);
    }

    @Override
    protected Codec withOptions(CodecOptions options) {
        return new Order0Codec(options);
    }

    @Override
    public BlockEncoder newEncoder() {
        return new Order0BlockEncoder();
    }

    @Override
    public BlockDecoder newDecoder() {
        return Order0Codec::decode;
    }

    /** Codes one frame into {@code enc} and finishes it. */
    static void encode(RangeEncoder enc, byte[] src, int off, int len) {
        encode(enc, new Order0Model(), src, off, len);
        enc.finish();
    }

    private static void encode(RangeEncoder enc, Order0Model model, byte[] src, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            int symbol = src[i] & 0xFF;
            enc.encode(model.cum(symbol), model.freq(symbol), Order0Model.TOTAL_BITS);
            model.update(symbol);
        }
    }

    @Override
    public MeasureState startMeasure() {
        return new State(new Order0Model(), new RangeCounter());
    }

    /** A model and a counter, continued byte by byte. */
    private record State(Order0Model model, RangeCounter counter) implements MeasureState {
        @Override
        public void update(byte[] data, int off, int len) {
            encode(counter, model, data, off, len);
        }

        @Override
        public long bits() {
            return counter.bitsIfFinished();
        }

        @Override
        public MeasureState copy() {
            return new State(model.copy(), counter.copy());
        }
    }

    /** Decodes one frame; the range decoder checks that the payload ends where the encoder ended it. */
    static void decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen)
            throws java.io.IOException {
        RangeDecoder dec = new RangeDecoder(src, srcOff, srcLen);
        Order0Model model = new Order0Model();
        for (int i = dstOff, end = dstOff + dstLen; i < end; i++) {
            int symbol = model.symbolAt(dec.decodeFreq(Order0Model.TOTAL_BITS));
            dec.update(model.cum(symbol), model.freq(symbol), Order0Model.TOTAL_BITS);
            dst[i] = (byte) symbol;
            model.update(symbol);
        }
        dec.finish();
    }
}
