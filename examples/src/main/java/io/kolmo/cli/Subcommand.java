package io.kolmo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * What the archive and similarity commands share: the console, {@code -q} (also when given before
 * the command name, as in {@code kolmo -q t docs.kar}), and turning every failure into one line on
 * standard error with the exit status.
 */
abstract class Subcommand implements Callable<Integer> {
    final Console console;

    @ParentCommand
    Kolmo parent;

    @Mixin
    Quiet quiet;

    Subcommand(Console console) {
        this.console = console;
    }

    /** The command's name in messages, for example {@code "kolmo a"}. */
    abstract String name();

    /**
     * The file that errors without a file of their own (corrupt or truncated input) are about, or
     * null.
     */
    abstract String subject();

    /** The work; failures are thrown, and reported by {@link #call()}. */
    abstract int run() throws IOException, UserException;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (UsageException e) {
            console.err().println(name() + ": " + e.getMessage());
            return Kolmo.EXIT_USAGE;
        } catch (UserException e) {
            console.err().println(name() + ": " + e.getMessage());
            return Kolmo.EXIT_FAILED;
        } catch (IOException e) {
            console.err().println(name() + ": " + Failures.describeWithFile(e, subject()));
            return Kolmo.EXIT_FAILED;
        } catch (InvalidPathException e) {
            console.err().println(name() + ": " + e.getInput() + ": invalid file name: " + e.getReason());
            return Kolmo.EXIT_FAILED;
        }
    }

    boolean quiet() {
        return quiet.on || parent != null && parent.quiet.on;
    }

    boolean verbose(boolean own) {
        return !quiet() && (own || parent != null && parent.verbose);
    }

    /** Opens a file to read, or standard input for {@code -}. */
    InputStream open(String file) throws IOException, UserException {
        if (file.equals("-")) {
            return console.stdin();
        }
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new UserException(file + ": is a directory");
        }
        return Files.newInputStream(path);
    }

    /** The size of a file, or -1 for standard input. */
    static long size(String file) throws IOException {
        return file.equals("-") ? -1 : Files.size(Path.of(file));
    }

    /** A refusal of the command line itself (an unknown codec, a bad level): exit status 2. */
    static final class UsageException extends UserException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
