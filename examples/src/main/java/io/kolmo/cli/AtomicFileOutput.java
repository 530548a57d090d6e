package io.kolmo.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file so that it appears whole or not at all: the bytes go to a hidden temporary file in
 * the target's directory, which {@link #commit()} syncs and renames onto the target in one step.
 * {@link #close()} without a commit deletes the temporary file, and a shutdown hook deletes it if the
 * process is interrupted first, so a failure leaves nothing behind.
 *
 * <pre>{@code
 * try (AtomicFileOutput file = new AtomicFileOutput(target, false)) {
 *     data.transferTo(file.stream());
 *     file.commit();
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
final class AtomicFileOutput implements AutoCloseable {
    /** Temporary files not yet committed or deleted: removed on exit, also when interrupted (Ctrl-C). */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // The JVM is going down; nothing better to do with the failure.
                }
            }
        }, "kolmo-temp-cleanup"));
    }

    private final Path target;
    private final boolean replace;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean committed;

    /**
     * @param replace whether an existing target may be replaced
     * @throws FileAlreadyExistsException if the target exists and {@code replace} is false
     */
    AtomicFileOutput(Path target, boolean replace) throws IOException {
        this.target = target;
        this.replace = replace;
        checkTarget();
        Path dir = target.toAbsolutePath().getParent();
        this.temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        PENDING.add(temp);
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        // Closing the stream (as a kolmo stream does) must leave the channel open for commit().
        this.stream = new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private void checkTarget() throws FileAlreadyExistsException {
        if (!replace && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "use -f to overwrite");
        }
    }

    /** Where to write the contents; closing it only flushes. */
    OutputStream stream() {
        return stream;
    }

    /** The temporary file, for copying attributes onto before the commit. */
    Path temp() {
        return temp;
    }

    /** Makes the written bytes durable and moves them onto the target. */
    void commit() throws IOException {
        channel.force(true);
        channel.close();
        checkTarget();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target);
            }
        }
        committed = true;
        PENDING.remove(temp);
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
                PENDING.remove(temp);
            }
        }
    }
}
