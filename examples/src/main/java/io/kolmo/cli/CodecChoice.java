package io.kolmo.cli;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.UnsupportedFormatException;
import java.util.LinkedHashSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --codec} and {@code --level} options, shared by compressing, archiving and measuring,
 * with gzip's {@code -1} to {@code -9} as short forms of the level.
 */
final class CodecChoice {
    @Option(names = "--codec", paramLabel = "NAME",
            description = "Codec to compress or measure with (see 'kolmo codecs'). Default: the best available.")
    String name;

    @Option(names = {"-l", "--level"}, paramLabel = "N",
            description = "-1 ... -9 are short for it, as in gzip: compression level, 1 (fastest) to 9 "
                    + "(smallest). Default: the codec's own.")
    Integer level;

    @Option(names = "--frame-size", paramLabel = "SIZE",
            description = "Largest number of original bytes per frame, with k, m or g for KiB, MiB, GiB "
                    + "(for example 1m). Frames are coded independently: smaller ones decode side by side "
                    + "on several cores (cm, hybrid) but compress a little worse. Default: the codec's own "
                    + "(16m for cm and hybrid).")
    String frameSize;

    /**
     * Adds the options {@code -1} to {@code -9} to every command in {@code cmd} that has this mixin.
     * Annotations cannot say "the digit in the option's name is the value", so they are added here;
     * they stay out of the option list, where {@code --level} describes them.
     */
    static void addLevelShortcuts(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof CodecChoice choice) {
                for (int n = 1; n <= 9; n++) {
                    int level = n;
                    ISetter setter = new ISetter() {
                        @Override
                        public <T> T set(T value) {
                            // picocli also calls this with the initial value (false) before parsing;
                            // only a -N actually given sets the level.
                            if (Boolean.TRUE.equals(value)) {
                                choice.level = level;
                            }
                            return null;
                        }
                    };
                    spec.addOption(OptionSpec.builder("-" + n).arity("0").type(boolean.class).hidden(true)
                            .setter(setter).build());
                }
            }
        }
        // A command with aliases appears once per name; add its options once.
        for (CommandLine sub : new LinkedHashSet<>(cmd.getSubcommands().values())) {
            addLevelShortcuts(sub);
        }
    }

    /** A frame size such as {@code 65536}, {@code 64k}, {@code 1m} or {@code 1g}. */
    static int parseFrameSize(String text) throws UserException {
        long size;
        try {
            size = CodecOptions.parseSize(text);
        } catch (IllegalArgumentException e) {
            size = -1;
        }
        if (size < 1 || size > CodecOptions.MAX_FRAME_SIZE) {
            throw new UserException("frame size must be 1 byte to 1g (k, m, g for KiB, MiB, GiB), not '" + text + "'");
        }
        return (int) size;
    }

    /** The codec the options name, or the registry's default choice. */
    Codec codec() throws UserException {
        CodecOptions options = CodecOptions.defaults();
        if (level != null) {
            if (level < 1 || level > 9) {
                throw new UserException("level must be 1 to 9, not " + level);
            }
            options = options.withLevel(level);
        }
        if (frameSize != null) {
            options = options.withFrameSize(parseFrameSize(frameSize));
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
