package io.kolmo.netty;

import io.kolmo.codec.Codec;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.Limits;
import io.kolmo.codec.TruncatedInputException;
import io.kolmo.codec.format.FrameFormat;
import io.kolmo.codec.format.FrameReader;
import io.kolmo.codec.format.StreamHeader;
import io.kolmo.codec.stream.VerifyingFrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.List;

/**
 * Decodes inbound kolmo streams into {@link ByteBuf}s, one per frame, each checked against its
 * CRC32C before it is passed on. Streams may follow each other on one channel.
 *
 * <p>Sizes read from the wire are checked against {@link Limits#maxFrameSize()} before anything
 * is allocated, and the decoder waits until a whole record has arrived (so it holds at most one
 * frame plus its record header). After an error it enters a CORRUPTED state: the error goes down
 * the pipeline as a {@link DecoderException} whose cause is the kolmo exception, and everything
 * that arrives afterwards is discarded. A channel that closes mid-stream raises a
 * {@link TruncatedInputException}.
 *
 * <pre>{@code
 * pipeline.addLast(new KolmoDecoder(Limits.defaults().withMaxFrameSize(4 << 20)));
 * }</pre>
 *
 * <p>Buffers: the decoded buffers are owned by the next handler, which must release them. A
 * handler instance holds one channel's state and is not sharable.
 */
public final class KolmoDecoder extends ByteToMessageDecoder {
    private enum State { HEADER, FRAMES, CORRUPTED }

    private final Limits limits;
    private final Codec expected;
    private State state = State.HEADER;
    private StreamHeader header;
    private long offset;
    private VerifyingFrameDecoder frames;

    /** A decoder for streams of any installed codec, with default limits. */
    public KolmoDecoder() {
        this(Limits.defaults(), null);
    }

    /** A decoder for streams of any installed codec. */
    public KolmoDecoder(Limits limits) {
        this(limits, null);
    }

    /**
     * @param expected the codec streams must have been written with, or null for any installed one
     */
    public KolmoDecoder(Limits limits, Codec expected) {
        this.limits = limits;
        this.expected = expected;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.CORRUPTED) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (in.isReadable() && decodeRecord(in, out)) {
                // one record per turn
            }
        } catch (IOException | RuntimeException e) {
            state = State.CORRUPTED;
            closeFrames();
            in.skipBytes(in.readableBytes());
            throw e instanceof DecoderException d ? d : new DecoderException(e);
        }
    }

    /** Decodes one record if it has fully arrived; returns false to wait for more input. */
    private boolean decodeRecord(ByteBuf in, List<Object> out) throws IOException {
        int mark = in.readerIndex();
        try {
            if (state == State.HEADER) {
                FrameReader reader = new FrameReader(new ByteBufInputStream(in), limits);
                header = reader.readHeader();
                frames = new VerifyingFrameDecoder(Codecs.forHeader(header, expected));
                offset = reader.offset();
                state = State.FRAMES;
                return true;
            }
            if (!recordHasArrived(in)) {
                return false;
            }
            FrameReader reader = new FrameReader(new ByteBufInputStream(in), limits, header, offset);
            FrameReader.Frame f = reader.next();
            if (f == null) {
                frames.checkEnd(reader);
                closeFrames();
                state = State.HEADER;
                offset = 0;
                return true;
            }
            byte[] decoded = new byte[f.originalLength()];
            frames.decode(f, decoded);
            out.add(Unpooled.wrappedBuffer(decoded));
            offset = reader.offset();
            return true;
        } catch (TruncatedInputException e) {
            in.readerIndex(mark);
            return false;
        }
    }

    /**
     * Whether the whole frame starting at the reader index is buffered, judged from its kind and
     * lengths alone, so a large frame arriving in small pieces is not parsed again for each piece.
     * Anything that does not look like a frame header is left for the reader to reject.
     */
    private boolean recordHasArrived(ByteBuf in) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        if (i >= end) {
            return false;
        }
        int kind = in.getUnsignedByte(i++);
        if (kind != FrameFormat.KIND_CODED && kind != FrameFormat.KIND_STORED) {
            return true;
        }
        long payload = 0;
        for (int field = 0; field < 2; field++) {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                if (i >= end) {
                    return false;
                }
                if (shift > 35) {
                    return true;
                }
                int b = in.getUnsignedByte(i++);
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            payload = value;
        }
        if (payload > header.frameSize()) {
            return true;
        }
        return end - i >= 8 + payload;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (state == State.FRAMES || (state == State.HEADER && in.isReadable())) {
            long at = offset + in.readableBytes();
            state = State.CORRUPTED;
            closeFrames();
            in.skipBytes(in.readableBytes());
            throw new DecoderException(new TruncatedInputException("a kolmo stream when the channel closed", at));
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        closeFrames();
    }

    private void closeFrames() {
        if (frames != null) {
            try {
                frames.close();
            } catch (IOException ignored) {
                // Releasing a decoder's tables cannot lose data; nothing to report.
            }
            frames = null;
        }
    }
}
