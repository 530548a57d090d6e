package io.kolmo.netty;

import io.kolmo.codec.Codec;
import io.kolmo.codec.stream.KolmoOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Compresses outbound {@link ByteBuf}s into one kolmo stream. The stream header goes out with the
 * first message; every message then ends a frame, so the peer's {@link KolmoDecoder} can hand it
 * on at once (large messages span several frames). Closing the channel writes the end record
 * first.
 *
 * <pre>{@code
 * pipeline.addLast(new KolmoEncoder(Codecs.get("zstd")));
 * }</pre>
 *
 * <p>Buffers: Netty releases each inbound message after {@code encode}; the output buffer belongs
 * to the pipeline. A handler instance holds one stream's state: it is not sharable between
 * channels and, like every handler, runs on its channel's event loop.
 */
public final class KolmoEncoder extends MessageToByteEncoder<ByteBuf> {
    private final Codec codec;
    private final SwitchableOutputStream sink = new SwitchableOutputStream();
    private KolmoOutputStream stream;
    private boolean finished;

    public KolmoEncoder(Codec codec) {
        super(ByteBuf.class);
        this.codec = codec;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, ByteBuf out) throws IOException {
        if (finished) {
            throw new IOException("kolmo stream already finished");
        }
        sink.target = out;
        try {
            if (stream == null) {
                stream = codec.newOutputStream(sink);
            }
            msg.readBytes(stream, msg.readableBytes());
            stream.flush();
        } finally {
            sink.target = null;
        }
    }

    /** Writes the end record, if a stream was started, then closes the channel. */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        if (stream == null || finished) {
            ctx.close(promise);
            return;
        }
        finished = true;
        ByteBuf tail = ctx.alloc().buffer(16);
        sink.target = tail;
        try {
            stream.finish();
        } catch (IOException | RuntimeException e) {
            tail.release();
            ctx.close(promise);
            throw e;
        } finally {
            sink.target = null;
        }
        ctx.writeAndFlush(tail).addListener(f -> ctx.close(promise));
    }

    /** An output stream writing into whichever buffer the current call handed over. */
    private static final class SwitchableOutputStream extends OutputStream {
        ByteBuf target;

        @Override
        public void write(int b) {
            target.writeByte(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            target.writeBytes(b, off, len);
        }
    }
}
