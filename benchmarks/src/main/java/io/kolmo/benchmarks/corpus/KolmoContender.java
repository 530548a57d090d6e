package io.kolmo.benchmarks.corpus;

import io.kolmo.codec.Codec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A kolmo codec, run in this JVM on whole arrays: {@link Codec#compress(byte[])} and
 * {@link Codec#decompress(byte[])}, so sizes include the container's header and frame records.
 * Peak memory is heap only, see {@link HeapPeak}.
 *
 * <p>Instances are immutable; sessions are not thread-safe.
 */
final class KolmoContender implements Contender {
    private final String name;
    private final Codec codec;

    KolmoContender(String name, Codec codec) {
        this.name = name;
        this.codec = codec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Session open(Path file, byte[] data) {
        HeapPeak heap = new HeapPeak();
        heap.start();
        return new Session() {
            private byte[] compressed;
            private byte[] restored;

            @Override
            public long compress() throws IOException {
                restored = null;
                compressed = codec.compress(data);
                return compressed.length;
            }

            @Override
            public void decompress() throws IOException {
                restored = codec.decompress(compressed);
            }

            @Override
            public long mismatch() {
                return Arrays.mismatch(data, restored);
            }

            @Override
            public Optional<MemoryPeak> peakMemory() {
                return Optional.of(new MemoryPeak(heap.peakAboveBaseline(), "heap"));
            }

            @Override
            public void close() {
                compressed = null;
                restored = null;
            }
        };
    }
}
