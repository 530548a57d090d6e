package io.kolmo.classic.cm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecContractTest;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.UnsupportedFormatException;
import io.kolmo.codec.format.StreamHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CmCodecTest extends CodecContractTest {
    @Override
    protected Codec codec() throws IOException {
        return Codecs.get("cm");
    }

    /** The contract's corpus round trips at about 0.5 MB/s would take minutes; 1 MiB covers every kind. */
    @Override
    protected long maxCorpusFileSize() {
        return 1 << 20;
    }

    /**
     * The second thread that runs the context models ahead (threads=2, frames of 32 KiB and more)
     * must not change a single bit: same stream and same measure as one thread, at a fast, the
     * default and a slow level, on text and binary mixed with a partial last chunk.
     */
    @Test
    void contextThreadWritesTheSameBytesAsOneThread() throws IOException {
        byte[] data = new byte[3 * ContextPipeline.CHUNK_BYTES * 4 + 777];
        Random r = new Random(5);
        String words = "the quick brown fox jumps over a lazy dog while kolmo counts bits ";
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 9000 < 6000 ? (byte) words.charAt((i * 7 + i / 61) % words.length()) : (byte) r.nextInt(256);
        }
        assertTrue(ContextPipeline.worthwhile(data.length) || Runtime.getRuntime().availableProcessors() < 2);
        for (int level : new int[] {1, CmLevel.DEFAULT, 7}) {
            CodecOptions base = CodecOptions.defaults().withLevel(level);
            Codec one = Codecs.get("cm", base.with(CmCodec.THREADS_PROPERTY, "1"));
            Codec two = Codecs.get("cm", base);
            assertEquals(2, ((CmCodec) two).threads());
            byte[] packed = two.compress(data);
            assertArrayEquals(one.compress(data), packed, "level " + level);
            assertEquals(one.measure(data), two.measure(data), "level " + level);
            assertArrayEquals(data, one.decompress(packed), "level " + level);
        }
    }

    /**
     * A stream of many frames decodes them side by side (one per core, up to four; one at levels
     * 6-9), with the same bytes as one at a time, through the stream and the one-shot API; a
     * damaged frame in the middle of a batch still fails the stream.
     */
    @Test
    void framesOfAStreamDecodeSideBySide() throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.min(CmLevel.MAX_PARALLEL_FRAMES, cores), new CmDecoder(CmLevel.of(4)).batchSize());
        assertEquals(1, new CmDecoder(CmLevel.of(7)).batchSize());
        byte[] data = new byte[300_000];
        Random r = new Random(9);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ("abcde fghij\n".charAt(r.nextInt(12)));
        }
        Codec cm = Codecs.get("cm", CodecOptions.defaults().withLevel(2).withFrameSize(40_000));
        byte[] packed = cm.compress(data);
        assertArrayEquals(data, cm.decompress(packed));
        try (var in = Codecs.newInputStream(new java.io.ByteArrayInputStream(packed))) {
            assertArrayEquals(data, in.readAllBytes());
        }
        byte[] damaged = packed.clone();
        damaged[packed.length / 2] ^= 0x10;
        assertThrows(IOException.class, () -> cm.decompress(damaged));
    }

    @Test
    void threadsOptionIsCheckedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codecs.get("cm", CodecOptions.defaults().with(CmCodec.THREADS_PROPERTY, "3")));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }

    @Test
    void randomDataWrittenTwiceCostsLittleMoreThanOnce() throws IOException {
        byte[] half = new byte[256 << 10];
        new Random(7).nextBytes(half);
        byte[] twice = new byte[2 * half.length];
        System.arraycopy(half, 0, twice, 0, half.length);
        System.arraycopy(half, 0, twice, half.length, half.length);
        Codec cm = codec();
        byte[] packed = cm.compress(twice);
        assertTrue(packed.length < half.length + half.length / 100,
                "the second copy should cost under 1% of the first, got " + packed.length);
        assertArrayEquals(twice, cm.decompress(packed));
    }

    /**
     * DNA: random bases followed by their reverse complement. Level 6 and up follow the inverted
     * repeat (DnaRepeatModel), so the second half costs little; level 4 has no such model and pays
     * about two bits per base again.
     */
    @Test
    void invertedRepeatsInDnaCostLittleFromLevelSix() throws IOException {
        int n = 60_000;
        byte[] dna = new byte[2 * n];
        Random r = new Random(11);
        String bases = "acgt";
        for (int i = 0; i < n; i++) {
            dna[i] = (byte) bases.charAt(r.nextInt(4));
        }
        for (int i = 0; i < n; i++) {
            dna[n + i] = (byte) bases.charAt(3 - bases.indexOf(dna[n - 1 - i]));
        }
        int once = n / 4;
        byte[] six = Codecs.get("cm", CodecOptions.defaults().withLevel(6)).compress(dna);
        byte[] four = Codecs.get("cm", CodecOptions.defaults().withLevel(4)).compress(dna);
        assertTrue(six.length < once * 1.15, "level 6: " + six.length + " bytes for " + once + " bytes of information");
        assertTrue(four.length > once * 1.7, "level 4 should not see inverted repeats: " + four.length);
        assertArrayEquals(dna, Codecs.decompress(six));
    }

    @Test
    void sameInputGivesIdenticalBytesAcrossCodecInstancesAndLevels() throws IOException {
        byte[] data = io.kolmo.codec.TestData.text(40_000, 21);
        for (int level = 1; level <= 9; level++) {
            Codec a = Codecs.get("cm", CodecOptions.defaults().withLevel(level));
            Codec b = Codecs.get("cm", CodecOptions.defaults().withLevel(level));
            byte[] packed = a.compress(data);
            assertArrayEquals(packed, b.compress(data), "level " + level);
            assertArrayEquals(data, Codecs.decompress(packed), "level " + level);
            assertEquals(8L * payloadBits(packed) / 8, a.measure(data), "measure at level " + level);
        }
    }

    @Test
    void levelTravelsInTheHeader() throws IOException {
        Codec nine = Codecs.get("cm", CodecOptions.defaults().withLevel(9));
        assertArrayEquals(new byte[] {3, 9}, nine.parameters());
        Codec read = codec().forStream(new StreamHeader(CmCodec.ID, nine.frameSize(), new byte[0], nine.parameters()));
        assertEquals(9, assertInstanceOf(CmCodec.class, read).level());
    }

    @Test
    void unknownParametersAreRefused() throws IOException {
        Codec cm = codec();
        for (byte version : new byte[] {1, 4}) {
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                    () -> cm.forStream(new StreamHeader(CmCodec.ID, 1024, new byte[0], new byte[] {version, 6})));
            assertTrue(e.getMessage().contains("version"), e.getMessage());
        }
        assertThrows(UnsupportedFormatException.class,
                () -> cm.forStream(new StreamHeader(CmCodec.ID, 1024, new byte[0], new byte[] {3, 10})));
        // Version 2 streams decode at levels 1-5 (same models); at 6-9 they are refused by name.
        assertEquals(5, assertInstanceOf(CmCodec.class,
                cm.forStream(new StreamHeader(CmCodec.ID, 1024, new byte[0], new byte[] {2, 5}))).level());
        UnsupportedFormatException old = assertThrows(UnsupportedFormatException.class,
                () -> cm.forStream(new StreamHeader(CmCodec.ID, 1024, new byte[0], new byte[] {2, 6})));
        assertTrue(old.getMessage().contains("version 2 at level 6"), old.getMessage());
    }

    @Test
    void beatsOrderZeroOnText() throws IOException {
        byte[] data = io.kolmo.codec.TestData.text(100_000, 22);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (var out = codec().newOutputStream(sink)) {
            out.write(data);
        }
        assertTrue(sink.size() < data.length / 3, "cm should code generated text under 2.7 bits/byte, got "
                + sink.size());
    }
}
