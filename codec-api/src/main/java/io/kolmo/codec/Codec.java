package io.kolmo.codec;

import io.kolmo.codec.stream.KolmoInputStream;
import io.kolmo.codec.stream.KolmoOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A compression method: a model (or a classic algorithm) behind kolmo's container format.
 *
 * <p>Streams written by any codec carry the codec's id and parameters in their header, so
 * {@link Codecs#newInputStream(InputStream)} reads them without knowing the codec.
 *
 * <pre>{@code
 * Codec codec = Codecs.get("cm");
 * try (OutputStream out = codec.newOutputStream(Files.newOutputStream(path))) {
 *     out.write(data);
 * }
 * long bits = codec.measure(data);              // exact code length, no output built
 * double d = Ncd.distance(codec, a, b);         // normalized compression distance
 * }</pre>
 *
 * <p>Codec instances are immutable and thread-safe; the streams, encoders and decoders they create
 * are not thread-safe.
 */
public interface Codec {
    /** Stable name, for example {@code "xz"}. */
    String name();

    /** Stable numeric id written into stream headers. */
    int id();

    /** The options this codec was created with. */
    CodecOptions options();

    /** Largest number of original bytes per frame this codec writes. */
    int frameSize();

    /**
     * Codec-specific parameters the decoder needs, written into the stream header (at most
     * {@value io.kolmo.codec.format.StreamHeader#MAX_PARAMETERS} bytes; may be empty).
     */
    byte[] parameters();

    /** SHA-256 of the model this codec predicts with, or an empty array for codecs without one. */
    default byte[] modelId() {
        return new byte[0];
    }

    /**
     * A codec that decodes streams with this header: this codec if the header matches it, else one
     * configured from the header.
     *
     * @throws UnsupportedFormatException if the parameters are invalid or name another model
     */
    Codec forStream(io.kolmo.codec.format.StreamHeader header) throws IOException;

    /** A new encoder for one stream. The caller closes it. */
    BlockEncoder newEncoder() throws IOException;

    /** A new decoder for one stream. The caller closes it. */
    BlockDecoder newDecoder() throws IOException;

    /**
     * Wraps {@code out}: bytes written to the returned stream are compressed into it. Closing the
     * returned stream closes {@code out}; {@link KolmoOutputStream#finish()} ends the kolmo stream
     * without closing it.
     */
    default KolmoOutputStream newOutputStream(OutputStream out) throws IOException {
        return new KolmoOutputStream(out, this);
    }

    /**
     * Wraps {@code in}, which must hold a stream written by this codec. Use
     * {@link Codecs#newInputStream(InputStream)} to read a stream of any codec.
     */
    default KolmoInputStream newInputStream(InputStream in) throws IOException {
        return newInputStream(in, Limits.defaults());
    }

    /** As {@link #newInputStream(InputStream)}, with explicit limits. */
    default KolmoInputStream newInputStream(InputStream in, Limits limits) throws IOException {
        return KolmoInputStream.open(in, limits, this);
    }

    /** Compresses a whole array into a complete kolmo stream. */
    default byte[] compress(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 2 + 64);
        try (KolmoOutputStream out = newOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** Decompresses a complete kolmo stream written by this codec. */
    default byte[] decompress(byte[] stream) throws IOException {
        try (InputStream in = newInputStream(new ByteArrayInputStream(stream))) {
            return in.readAllBytes();
        }
    }

    /**
     * Compresses the readable bytes of {@code src} into a new buffer from {@code alloc}. The
     * reader index of {@code src} moves to its writer index; {@code src} is not released (the
     * caller still owns it). The caller owns, and must release, the returned buffer.
     */
    default ByteBuf compress(ByteBuf src, ByteBufAllocator alloc) throws IOException {
        ByteBuf dst = alloc.buffer(src.readableBytes() / 2 + 64);
        try (KolmoOutputStream out = newOutputStream(new ByteBufOutputStream(dst))) {
            src.readBytes(out, src.readableBytes());
        } catch (IOException | RuntimeException e) {
            dst.release();
            throw e;
        }
        return dst;
    }

    /**
     * Decompresses a complete kolmo stream from the readable bytes of {@code src} into a new
     * buffer. {@code src} is not released; the caller owns, and must release, the result.
     */
    default ByteBuf decompress(ByteBuf src, ByteBufAllocator alloc) throws IOException {
        ByteBuf dst = alloc.buffer(src.readableBytes() * 2 + 64);
        try (InputStream in = newInputStream(new ByteBufInputStream(src))) {
            byte[] chunk = new byte[64 * 1024];
            for (int n; (n = in.read(chunk)) > 0; ) {
                dst.writeBytes(chunk, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            dst.release();
            throw e;
        }
        return dst;
    }

    /**
     * Exact code length in bits of {@code data} under this codec: the sum of the frame payloads a
     * stream would carry, computed without building them (container headers not included).
     */
    default long measure(byte[] data) throws IOException {
        return measure(data, 0, data.length);
    }

    /** As {@link #measure(byte[])}, for a slice. */
    default long measure(byte[] data, int off, int len) throws IOException {
        int frame = frameSize();
        long bits = 0;
        try (BlockEncoder encoder = newEncoder()) {
            for (int pos = 0; pos < len; pos += frame) {
                bits += encoder.measure(data, off + pos, Math.min(frame, len - pos));
            }
        }
        return bits;
    }

    /** Code length in bits of everything {@code in} holds, frame by frame. Does not close it. */
    default long measure(InputStream in) throws IOException {
        int frame = frameSize();
        byte[] buf = new byte[Math.min(frame, 1 << 20)];
        long bits = 0;
        try (BlockEncoder encoder = newEncoder()) {
            while (true) {
                int n = in.readNBytes(buf, 0, buf.length);
                if (n == 0) {
                    return bits;
                }
                if (n == buf.length && buf.length < frame) {
                    // Fill a whole frame, as a stream would, before measuring.
                    byte[] grown = new byte[frame];
                    System.arraycopy(buf, 0, grown, 0, n);
                    n += in.readNBytes(grown, n, frame - n);
                    buf = grown;
                }
                bits += encoder.measure(buf, 0, n);
                if (n < buf.length) {
                    return bits;
                }
            }
        }
    }
}
