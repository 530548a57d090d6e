package io.kolmo.codec.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.testing.BitwiseTestCodec;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/** A sink that fills up (disk full) must surface as its own exception, also through try-with-resources. */
class KolmoOutputStreamFailureTest {
    private static final class DiskFull extends OutputStream {
        final IOException error = new IOException("No space left on device");
        int closes;
        /** Room for the stream header; the first frame no longer fits. */
        int room = 64;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > room) {
                throw error;
            }
            room -= len;
        }

        @Override
        public void close() {
            closes++;
        }
    }

    private static byte[] random(int n) {
        byte[] data = new byte[n];
        new java.util.Random(1).nextBytes(data);
        return data;
    }

    @Test
    void tryWithResourcesKeepsTheOriginalFailure() {
        DiskFull sink = new DiskFull();
        BitwiseTestCodec codec = new BitwiseTestCodec(CodecOptions.defaults());
        byte[] data = random(codec.frameSize() + 1);
        try (KolmoOutputStream out = new KolmoOutputStream(sink, codec)) {
            out.write(data);
            out.flush();
            fail("the write should have failed");
        } catch (IOException e) {
            assertSame(sink.error, e);
            assertEquals(1, e.getSuppressed().length, "close() adds its own report of the failure");
            assertSame(sink.error, e.getSuppressed()[0].getCause());
        }
        assertEquals(1, sink.closes, "the sink is closed once");
    }

    @Test
    void laterCallsKeepFailing() throws IOException {
        DiskFull sink = new DiskFull();
        BitwiseTestCodec codec = new BitwiseTestCodec(CodecOptions.defaults());
        KolmoOutputStream out = new KolmoOutputStream(sink, codec);
        assertSame(sink.error, assertThrows(IOException.class, () -> out.write(random(codec.frameSize() + 1))));
        assertSame(sink.error, assertThrows(IOException.class, () -> out.write(1)));
        assertSame(sink.error, assertThrows(IOException.class, out::finish));
        assertSame(sink.error, assertThrows(IOException.class, out::close).getCause());
        assertSame(sink.error, assertThrows(IOException.class, out::close).getCause());
        assertEquals(1, sink.closes);
    }
}
