package io.kolmo.codec;

import io.kolmo.codec.format.StreamHeader;
import io.kolmo.codec.stream.KolmoInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The codec registry: finds codecs through {@link java.util.ServiceLoader}, picks the default and
 * opens any kolmo stream by its header.
 *
 * <pre>{@code
 * Codec zstd = Codecs.get("zstd");
 * try (InputStream in = Codecs.newInputStream(Files.newInputStream(path))) { ... }
 * System.out.println(Codecs.defaultChoice().reason());
 * }</pre>
 *
 * <p>All methods are thread-safe.
 */
public final class Codecs {
    /** Codec names the default is chosen from, best first. */
    private static final List<String> DEFAULT_PREFERENCE = List.of("hybrid", "cm", "zstd", "deflate");

    private static volatile List<CodecProvider> providers;

    private Codecs() {
    }

    /** Every installed provider, available or not, sorted by id. */
    public static List<CodecProvider> providers() {
        List<CodecProvider> list = providers;
        if (list == null) {
            synchronized (Codecs.class) {
                list = providers;
                if (list == null) {
                    list = load();
                    providers = list;
                }
            }
        }
        return list;
    }

    private static List<CodecProvider> load() {
        List<CodecProvider> found = new ArrayList<>();
        for (CodecProvider p : ServiceLoader.load(CodecProvider.class, Codecs.class.getClassLoader())) {
            for (CodecProvider q : found) {
                if (q.id() == p.id() || q.name().equals(p.name())) {
                    throw new IllegalStateException("codec providers " + q.getClass().getName() + " and "
                            + p.getClass().getName() + " share a name or id");
                }
            }
            found.add(p);
        }
        found.sort(Comparator.comparingInt(CodecProvider::id));
        return List.copyOf(found);
    }

    /** The provider with this name (case-insensitive), if installed. */
    public static Optional<CodecProvider> provider(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return providers().stream().filter(p -> p.name().equals(key)).findFirst();
    }

    /** The provider with this header id, if installed. */
    public static Optional<CodecProvider> provider(int id) {
        return providers().stream().filter(p -> p.id() == id).findFirst();
    }

    /** The names of the codecs that are available here. */
    public static List<String> availableNames() {
        return providers().stream().filter(p -> p.availability().isAvailable()).map(CodecProvider::name).toList();
    }

    /** The codec with this name and default options. */
    public static Codec get(String name) throws UnsupportedFormatException {
        return get(name, CodecOptions.defaults());
    }

    /**
     * The codec with this name.
     *
     * @throws UnsupportedFormatException if no such codec is installed or it is unavailable
     */
    public static Codec get(String name, CodecOptions options) throws UnsupportedFormatException {
        CodecProvider p = provider(name).orElseThrow(() -> new UnsupportedFormatException(
                "unknown codec '" + name + "'; installed: " + String.join(", ",
                        providers().stream().map(CodecProvider::name).toList())));
        p.availability().ensureAvailable("codec '" + p.name() + "'");
        return p.create(options);
    }

    /** The default codec and why it was chosen. */
    public record Choice(CodecProvider provider, String reason) {
        /** A codec with default options. */
        public Codec codec() throws UnsupportedFormatException {
            return provider.create(CodecOptions.defaults());
        }
    }

    /**
     * The best available codec: {@code hybrid}, else {@code cm}, else {@code zstd}, else
     * {@code deflate}; the reason names what was passed over and why.
     */
    public static Choice defaultChoice() {
        StringBuilder skipped = new StringBuilder();
        for (String name : DEFAULT_PREFERENCE) {
            Optional<CodecProvider> p = provider(name);
            if (p.isEmpty()) {
                skipped.append(name).append(": not installed; ");
                continue;
            }
            Availability a = p.get().defaultAvailability();
            if (a.isAvailable()) {
                return new Choice(p.get(), "chose " + name + (skipped.length() == 0 ? " (best available)"
                        : " (" + skipped.toString().trim() + ")"));
            }
            skipped.append(name).append(": ").append(a.reason()).append("; ");
        }
        throw new IllegalStateException("no default codec is available: " + skipped);
    }

    /** The default codec with default options; see {@link #defaultChoice()}. */
    public static Codec defaultCodec() throws UnsupportedFormatException {
        return defaultChoice().codec();
    }

    /** Opens a kolmo stream of any installed codec, with default limits. Closing it closes {@code in}. */
    public static KolmoInputStream newInputStream(InputStream in) throws IOException {
        return newInputStream(in, Limits.defaults());
    }

    /** Opens a kolmo stream of any installed codec. Closing it closes {@code in}. */
    public static KolmoInputStream newInputStream(InputStream in, Limits limits) throws IOException {
        return KolmoInputStream.open(in, limits, null);
    }

    /**
     * The codec that decodes streams with this header.
     *
     * @param expected the codec the caller expects, or null to accept any installed codec
     * @throws UnsupportedFormatException if the codec is unknown, unavailable, not the expected
     *     one, or cannot decode these parameters or this model
     */
    public static Codec forHeader(StreamHeader header, Codec expected) throws IOException {
        if (expected != null) {
            if (expected.id() != header.codecId()) {
                throw new UnsupportedFormatException("stream was written by codec "
                        + provider(header.codecId()).map(CodecProvider::name).orElse("#" + header.codecId())
                        + ", not " + expected.name());
            }
            return expected.forStream(header);
        }
        CodecProvider provider = provider(header.codecId()).orElseThrow(() -> new UnsupportedFormatException(
                "stream was written by codec id " + header.codecId() + ", which no installed codec provider knows"));
        Availability availability = provider.availability();
        if (!availability.isAvailable() && header.modelId().length > 0) {
            // A model codec whose model did not load: say which model the stream needs.
            throw new ModelMismatchException(header.modelIdHex(), null,
                    "codec '" + provider.name() + "' is not available: " + availability.reason(),
                    availability.cause().orElse(null));
        }
        availability.ensureAvailable("codec '" + provider.name() + "'");
        return provider.forStream(header);
    }

    /** Decompresses a complete kolmo stream of any installed codec. */
    public static byte[] decompress(byte[] stream) throws IOException {
        try (InputStream in = newInputStream(new ByteArrayInputStream(stream))) {
            return in.readAllBytes();
        }
    }
}
