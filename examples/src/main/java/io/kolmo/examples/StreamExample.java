package io.kolmo.examples;

import io.kolmo.codec.Codec;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.stream.KolmoOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps a file stream and a socket stream with kolmo: compresses a file to FILE.kmo and back, then
 * sends the same bytes compressed over a loopback socket, flushing so the reader sees each part
 * as soon as it is sent.
 *
 * <pre>
 * java -cp ... io.kolmo.examples.StreamExample FILE [CODEC]
 * </pre>
 */
public final class StreamExample {
    private StreamExample() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: StreamExample FILE [CODEC]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        Codec codec = args.length > 1 ? Codecs.get(args[1]) : Codecs.defaultCodec();
        byte[] original = Files.readAllBytes(file);

        // Files: wrap the output stream, then read any kolmo stream back through the registry.
        Path packed = file.resolveSibling(file.getFileName() + ".kmo");
        try (OutputStream out = codec.newOutputStream(Files.newOutputStream(packed))) {
            out.write(original);
        }
        byte[] back;
        try (InputStream in = Codecs.newInputStream(Files.newInputStream(packed))) {
            back = in.readAllBytes();
        }
        System.out.printf("file: %d -> %d bytes with %s, round trip %s%n", original.length, Files.size(packed),
                codec.name(), Arrays.equals(original, back) ? "OK" : "FAILED");
        Files.delete(packed);

        // Sockets: finish() ends the kolmo stream but leaves the socket open for more traffic.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = Codecs.newInputStream(s.getInputStream())) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                KolmoOutputStream out = codec.newOutputStream(s.getOutputStream());
                int half = original.length / 2;
                out.write(original, 0, half);
                out.flush();
                out.write(original, half, original.length - half);
                out.finish();
                s.shutdownOutput();
                System.out.printf("socket: sent %d bytes as %d, received %s%n", original.length, out.bytesWritten(),
                        Arrays.equals(original, received.get()) ? "all of them intact" : "DIFFERENT BYTES");
            }
        }
    }
}
