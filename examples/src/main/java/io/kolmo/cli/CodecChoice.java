package io.kolmo.cli;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.UnsupportedFormatException;
import picocli.CommandLine.Option;

/** The {@code --codec} and {@code --level} options, shared by compressing and measuring. */
final class CodecChoice {
    @Option(names = "--codec", paramLabel = "NAME",
            description = "Codec to compress or measure with (see 'kolmo codecs'). Default: the best available.")
    String name;

    @Option(names = {"-l", "--level"}, paramLabel = "N",
            description = "Compression level, 1 (fastest) to 9 (smallest). Default: the codec's own.")
    Integer level;

    /** The codec the options name, or the registry's default choice. */
    Codec codec() throws UserException {
        CodecOptions options = CodecOptions.defaults();
        if (level != null) {
            if (level < 1 || level > 9) {
                throw new UserException("level must be 1 to 9, not " + level);
            }
            options = options.withLevel(level);
        }
        try {
            if (name == null) {
                return Codecs.defaultChoice().provider().create(options);
            }
            return Codecs.get(name, options);
        } catch (UnsupportedFormatException | IllegalStateException e) {
            // Unknown or unavailable codec, or none available at all: the message says which.
            throw new UserException(e.getMessage());
        }
    }
}
