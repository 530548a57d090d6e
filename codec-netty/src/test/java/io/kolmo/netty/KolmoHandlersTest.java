package io.kolmo.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.LimitExceededException;
import io.kolmo.codec.Limits;
import io.kolmo.codec.TestData;
import io.kolmo.codec.TruncatedInputException;
import io.kolmo.codec.testing.BitwiseTestCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KolmoHandlersTest {
    private final Codec codec = new BitwiseTestCodec(CodecOptions.defaults().withFrameSize(10_000));

    private static ByteBuf buffer(byte[] data, boolean direct) {
        ByteBuf b = direct ? ByteBufAllocator.DEFAULT.directBuffer(data.length) : Unpooled.buffer(data.length);
        return b.writeBytes(data);
    }

    /** Runs messages through an encoder and returns everything it wrote, end record included. */
    private byte[] encode(boolean direct, byte[]... messages) {
        EmbeddedChannel ch = new EmbeddedChannel(new KolmoEncoder(codec));
        for (byte[] m : messages) {
            assertTrue(ch.writeOutbound(buffer(m, direct)));
        }
        ch.close();
        return drainOutbound(ch);
    }

    private static byte[] drainOutbound(EmbeddedChannel ch) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            byte[] chunk = new byte[b.readableBytes()];
            b.readBytes(chunk);
            b.release();
            all.writeBytes(chunk);
        }
        return all.toByteArray();
    }

    private static byte[] drainInbound(EmbeddedChannel ch) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readInbound()) != null; ) {
            byte[] chunk = new byte[b.readableBytes()];
            b.readBytes(chunk);
            b.release();
            all.writeBytes(chunk);
        }
        return all.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripThroughBothHandlers(boolean direct) {
        byte[] a = TestData.text(25_000, 1);
        byte[] b = TestData.random(3_000, 2);
        byte[] wire = encode(direct, a, b, new byte[] {7});
        assertArrayEquals(concat(a, b, new byte[] {7}), decompress(wire), "the wire holds one kolmo stream");

        EmbeddedChannel in = new EmbeddedChannel(new KolmoDecoder());
        assertTrue(in.writeInbound(buffer(wire, direct)));
        assertArrayEquals(concat(a, b, new byte[] {7}), drainInbound(in));
        assertFalse(in.finish());
    }

    @Test
    void decodesInputArrivingAByteAtATime() {
        byte[] data = TestData.text(30_000, 3);
        byte[] wire = encode(false, data);
        EmbeddedChannel in = new EmbeddedChannel(new KolmoDecoder());
        for (byte b : wire) {
            in.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertArrayEquals(data, drainInbound(in));
        assertFalse(in.finish());
    }

    @Test
    void streamsMayFollowEachOther() {
        byte[] one = encode(false, TestData.text(500, 4));
        byte[] two = encode(false, TestData.text(700, 5));
        EmbeddedChannel in = new EmbeddedChannel(new KolmoDecoder());
        in.writeInbound(Unpooled.wrappedBuffer(concat(one, two)));
        assertArrayEquals(concat(TestData.text(500, 4), TestData.text(700, 5)), drainInbound(in));
    }

    @Test
    void corruptInputEntersCorruptedStateAndDiscardsTheRest() {
        byte[] wire = encode(false, TestData.text(5_000, 6));
        wire[wire.length / 2] ^= 0x10;
        EmbeddedChannel in = new EmbeddedChannel(new KolmoDecoder());
        DecoderException e = assertThrows(DecoderException.class, () -> in.writeInbound(Unpooled.wrappedBuffer(wire)));
        assertInstanceOf(CorruptedInputException.class, e.getCause());
        assertNull(in.readInbound(), "nothing from a damaged frame is passed on");
        in.writeInbound(Unpooled.wrappedBuffer(encode(false, TestData.text(100, 7))));
        assertNull(in.readInbound(), "a corrupted decoder discards later input");
    }

    @Test
    void closingMidStreamIsTruncation() {
        byte[] wire = encode(false, TestData.text(5_000, 8));
        EmbeddedChannel in = new EmbeddedChannel(new KolmoDecoder());
        in.writeInbound(Unpooled.wrappedBuffer(wire, 0, wire.length - 3));
        drainInbound(in);
        DecoderException e = assertThrows(DecoderException.class, in::finish);
        assertInstanceOf(TruncatedInputException.class, e.getCause());
    }

    @Test
    void frameSizeAboveTheLimitIsRefusedBeforeAllocating() {
        byte[] wire = encode(false, TestData.text(100, 9));
        EmbeddedChannel in = new EmbeddedChannel(new KolmoDecoder(Limits.defaults().withMaxFrameSize(1000)));
        DecoderException e = assertThrows(DecoderException.class, () -> in.writeInbound(Unpooled.wrappedBuffer(wire)));
        LimitExceededException limit = assertInstanceOf(LimitExceededException.class, e.getCause());
        assertEquals(10_000, limit.needed());
    }

    private byte[] decompress(byte[] wire) {
        try {
            return codec.decompress(wire);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
