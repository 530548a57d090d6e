package io.kolmo.codec;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Optional capability of a {@link BlockDecoder}: decoding several independent frames at once, for
 * codecs whose model runs much faster on a batch of sequences than on one (a neural network
 * evaluates many frames in lock-step as one batch). {@link io.kolmo.codec.stream.KolmoInputStream}
 * reads up to {@link #batchSize()} frames ahead when its decoder has this capability, and checks
 * every frame exactly as it checks frames decoded one at a time.
 *
 * <p>Decoding a batch gives the same bytes as decoding its frames one by one with
 * {@link #decode(byte[], int, int, byte[], int, int)}.
 *
 * <p>A decoder is not thread-safe.
 */
public interface BatchBlockDecoder extends BlockDecoder {
    /** How many frames this decoder prefers to decode at once (at least 1). */
    int batchSize();

    /**
     * One frame of a batch: decode {@code src[srcOff, srcOff+srcLen)} into exactly {@code dstLen}
     * bytes at {@code dst[dstOff]}. The arrays are not copied.
     */
    record Block(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        public Block {
            Objects.checkFromIndexSize(srcOff, srcLen, src.length);
            Objects.checkFromIndexSize(dstOff, dstLen, dst.length);
        }
    }

    /**
     * Decodes every block (any number of them; more than {@link #batchSize()} are decoded in
     * several batches). A block whose payload does not decode to exactly its length does not stop
     * the others: its failure is returned in its slot, and its destination bytes must not be used.
     *
     * @return one entry per block, in order: null where the block decoded, else why it did not
     *     (offsets in the exception relative to the block's payload, or -1)
     * @throws IOException for a failure that is not one block's (the model failed, for example);
     *     no destination may then be used
     */
    CorruptedInputException[] decode(List<Block> blocks) throws IOException;
}
