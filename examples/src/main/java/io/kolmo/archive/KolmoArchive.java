package io.kolmo.archive;

import io.kolmo.codec.Codec;
import io.kolmo.codec.Codecs;
import io.kolmo.codec.CorruptedInputException;
import io.kolmo.codec.Limits;
import io.kolmo.codec.stream.KolmoInputStream;
import io.kolmo.codec.stream.KolmoOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * kolmo archives: a tar stream (POSIX/PAX, so long names and large files are kept) inside one
 * kolmo stream. Directories, empty files, permissions, modification times and symbolic links are
 * preserved. Extraction refuses any entry that would land outside the target directory, including
 * through a symbolic link extracted earlier.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("docs.kar"))) {
 *     KolmoArchive.create(out, Codecs.defaultCodec(), List.of(Path.of("docs")), n -> { });
 * }
 * try (InputStream in = Files.newInputStream(Path.of("docs.kar"))) {
 *     KolmoArchive.extract(in, Path.of("restore"), n -> { });
 * }
 * }</pre>
 *
 * <p>Stateless; methods are thread-safe for distinct streams and directories.
 */
public final class KolmoArchive {
    private static final int BUFFER = 64 * 1024;

    private KolmoArchive() {
    }

    /** What extraction does with a file, link or directory that already exists in the target. */
    public enum Existing {
        /** Fail with {@link FileAlreadyExistsException}; nothing is overwritten. */
        REFUSE,
        /** Replace files and links (a non-empty directory is never replaced). */
        REPLACE
    }

    /** One entry as listed. */
    public record Entry(String name, char type, long size, int mode, FileTime modified, String linkTarget) {
        /** {@code ls -l}-like line: type and mode, size, time, name (and link target). */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(type).append(String.format("%04o", mode & 07777)).append('\t').append(size).append('\t')
                    .append(modified).append('\t').append(name);
            if (linkTarget != null) {
                sb.append(" -> ").append(linkTarget);
            }
            return sb.toString();
        }
    }

    /**
     * Writes an archive of {@code paths} to {@code out} (which is finished but not closed). Each
     * path is stored under its own file name, with everything below it.
     *
     * @param progress receives the number of file bytes archived so far
     * @return the entries written, in order
     */
    public static List<Entry> create(OutputStream out, Codec codec, List<Path> paths, LongConsumer progress)
            throws IOException {
        return create(out, codec, paths, p -> false, progress);
    }

    /**
     * As {@link #create(OutputStream, Codec, List, LongConsumer)}, leaving out every path (and
     * everything below it) that {@code skip} accepts: for example the archive being written, when
     * it lies inside a tree being archived.
     */
    public static List<Entry> create(OutputStream out, Codec codec, List<Path> paths, Predicate<Path> skip,
            LongConsumer progress) throws IOException {
        List<Entry> entries = new ArrayList<>();
        KolmoOutputStream kolmo = codec.newOutputStream(out);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(kolmo);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        long[] done = {0};
        for (Path root : paths) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(root.toString());
            }
            Path base = root.toAbsolutePath().normalize().getParent();
            List<Path> all;
            try (Stream<Path> walk = Files.walk(root)) {
                all = walk.sorted().toList();
            } catch (UncheckedIOException e) {
                // An unreadable directory: report it as the IOException it is.
                throw e.getCause();
            }
            List<Path> skipped = new ArrayList<>();
            for (Path p : all) {
                if (skipped.stream().anyMatch(p::startsWith)) {
                    continue;
                }
                if (skip.test(p)) {
                    skipped.add(p);
                    continue;
                }
                Path abs = p.toAbsolutePath().normalize();
                String name = (base == null ? abs.toString().substring(1) : base.relativize(abs).toString())
                        .replace('\\', '/');
                TarArchiveEntry e = addEntry(tar, p, name, done, progress);
                if (e != null) {
                    entries.add(entryOf(e));
                }
            }
        }
        tar.finish();
        kolmo.finish();
        return entries;
    }

    /** Writes one entry; returns it, or null for what tar cannot hold (sockets, devices). */
    private static TarArchiveEntry addEntry(TarArchiveOutputStream tar, Path p, String name, long[] done, LongConsumer progress)
            throws IOException {
        TarArchiveEntry e;
        boolean regular = false;
        if (Files.isSymbolicLink(p)) {
            e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            e.setLinkName(Files.readSymbolicLink(p).toString());
        } else if (Files.isDirectory(p)) {
            e = new TarArchiveEntry(name + "/");
        } else if (Files.isRegularFile(p)) {
            e = new TarArchiveEntry(name);
            e.setSize(Files.size(p));
            regular = true;
        } else {
            return null;
        }
        e.setModTime(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
        e.setMode(modeOf(p, e));
        tar.putArchiveEntry(e);
        if (regular) {
            try (InputStream in = Files.newInputStream(p)) {
                byte[] buf = new byte[BUFFER];
                for (int n; (n = in.read(buf)) > 0; ) {
                    tar.write(buf, 0, n);
                    done[0] += n;
                    progress.accept(done[0]);
                }
            }
        }
        tar.closeArchiveEntry();
        return e;
    }

    private static int modeOf(Path p, TarArchiveEntry e) throws IOException {
        // Commons Compress gives link entries a regular file's type bits; tar says 0120000.
        int type = e.isSymbolicLink() ? 0120000 : e.getMode() & ~07777;
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            int bits = 0;
            for (PosixFilePermission perm : perms) {
                bits |= 0400 >> perm.ordinal();
            }
            return type | bits;
        } catch (UnsupportedOperationException notPosix) {
            return e.getMode();
        }
    }

    /**
     * Extracts an archive into {@code dir} (created if needed), refusing to overwrite anything that
     * exists: an entry that exists already fails with {@link FileAlreadyExistsException}.
     *
     * @param progress receives the number of file bytes extracted so far
     * @throws IOException if an entry would land outside {@code dir}, or the archive is damaged
     */
    public static List<Entry> extract(InputStream in, Path dir, LongConsumer progress) throws IOException {
        return extract(in, dir, Existing.REFUSE, progress);
    }

    /**
     * Extracts an archive into {@code dir} (created if needed). Each file is written to a temporary
     * file beside its target and renamed into place only when complete. The whole archive is
     * verified (every frame CRC, the end record, nothing after it) before this returns; if anything
     * fails, everything this call created is removed again, so a damaged archive leaves {@code dir}
     * as it was (except for files already replaced under {@link Existing#REPLACE}).
     *
     * @param existing whether files that exist already are refused or replaced
     * @param progress receives the number of file bytes extracted so far
     * @throws IOException if an entry would land outside {@code dir}, or the archive is damaged
     */
    public static List<Entry> extract(InputStream in, Path dir, Existing existing, LongConsumer progress)
            throws IOException {
        List<Path> created = new ArrayList<>();
        try {
            return extractInto(in, dir, existing, progress, created);
        } catch (IOException | RuntimeException e) {
            for (int i = created.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(created.get(i));
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private static List<Entry> extractInto(InputStream in, Path dir, Existing existing, LongConsumer progress,
            List<Path> created) throws IOException {
        createDirectories(dir.toAbsolutePath(), created);
        Path root = dir.toRealPath();
        List<Entry> entries = new ArrayList<>();
        List<TarArchiveEntry> dirs = new ArrayList<>();
        long[] done = {0};
        KolmoInputStream kolmo = Codecs.newInputStream(in, Limits.defaults());
        try (TarArchiveInputStream tar = new TarArchiveInputStream(kolmo)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                Path target = safeTarget(root, e.getName());
                // A symbolic link extracted earlier must not lead this entry out of the target.
                checkInside(root, deepestExisting(target.getParent()).toRealPath(), e.getName());
                entries.add(entryOf(e));
                if (e.isDirectory()) {
                    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        if (existing == Existing.REPLACE) {
                            dirs.add(e);
                        }
                    } else {
                        checkAbsent(target, existing);
                        Files.deleteIfExists(target);
                        createDirectories(target, created);
                        dirs.add(e);
                    }
                    continue;
                }
                if (!e.isSymbolicLink() && (!e.isFile() || e.isLink())) {
                    continue;
                }
                createDirectories(target.getParent(), created);
                checkAbsent(target, existing);
                // The new file or link is made beside the target and renamed onto it when complete.
                Path temp = target.resolveSibling("." + target.getFileName() + "." + System.nanoTime() + ".tmp");
                created.add(temp);
                if (e.isSymbolicLink()) {
                    Files.createSymbolicLink(temp, Path.of(e.getLinkName()));
                    // The link's own time, never its target's.
                    Files.getFileAttributeView(temp, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setTimes(e.getLastModifiedTime(), null, null);
                } else {
                    writeFile(tar, temp, done, progress);
                    applyAttributes(temp, e);
                }
                boolean isNew = !Files.exists(target, LinkOption.NOFOLLOW_LINKS);
                if (existing == Existing.REPLACE) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.move(temp, target);
                }
                created.remove(created.size() - 1);
                if (isNew) {
                    created.add(target);
                }
            }
            kolmo.transferTo(OutputStream.nullOutputStream());
            expectEnd(in, kolmo);
        }
        // Directories last, deepest first, so creating their contents does not change their times.
        for (int i = dirs.size() - 1; i >= 0; i--) {
            applyAttributes(safeTarget(root, dirs.get(i).getName()), dirs.get(i));
        }
        return entries;
    }

    private static void writeFile(InputStream tar, Path temp, long[] done, LongConsumer progress) throws IOException {
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[BUFFER];
            for (int n; (n = tar.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                done[0] += n;
                progress.accept(done[0]);
            }
        }
    }

    private static void checkAbsent(Path target, Existing existing) throws FileAlreadyExistsException {
        if (existing == Existing.REFUSE && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "use -f to overwrite");
        }
    }

    /** Creates {@code dir} and its missing parents, recording each one made, outermost first. */
    private static void createDirectories(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(p);
        }
        for (int i = missing.size() - 1; i >= 0; i--) {
            Files.createDirectory(missing.get(i));
            created.add(missing.get(i));
        }
    }

    /** After the kolmo stream's end record there must be nothing more. */
    private static void expectEnd(InputStream in, KolmoInputStream kolmo) throws IOException {
        if (in.read() >= 0) {
            throw new CorruptedInputException("trailing garbage after the end of the archive",
                    kolmo.compressedOffset());
        }
    }

    /** Lists the entries of an archive, reading (and checking) all of it. */
    public static List<Entry> list(InputStream in) throws IOException {
        List<Entry> entries = new ArrayList<>();
        KolmoInputStream kolmo = Codecs.newInputStream(in, Limits.defaults());
        try (TarArchiveInputStream tar = new TarArchiveInputStream(kolmo)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                entries.add(entryOf(e));
            }
            // Read to the end so every frame's and the stream's CRC is checked.
            kolmo.transferTo(OutputStream.nullOutputStream());
            expectEnd(in, kolmo);
        }
        return entries;
    }

    /**
     * Verifies an archive without writing anything: every kolmo frame CRC, the stream's end record,
     * every tar header, and that nothing follows the stream. Returns the entries.
     */
    public static List<Entry> test(InputStream in, LongConsumer progress) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long done = 0;
        KolmoInputStream kolmo = Codecs.newInputStream(in, Limits.defaults());
        try (TarArchiveInputStream tar = new TarArchiveInputStream(kolmo)) {
            byte[] buf = new byte[BUFFER];
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                entries.add(entryOf(e));
                for (int n; (n = tar.read(buf)) > 0; ) {
                    done += n;
                    progress.accept(done);
                }
            }
            kolmo.transferTo(OutputStream.nullOutputStream());
            expectEnd(in, kolmo);
        }
        return entries;
    }

    private static Entry entryOf(TarArchiveEntry e) {
        char type = e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : e.isFile() ? '-' : '?';
        return new Entry(e.getName(), type, e.getSize(), e.getMode(), e.getLastModifiedTime(),
                e.isSymbolicLink() ? e.getLinkName() : null);
    }

    /** Resolves an entry name under root, refusing absolute names and any that climb out. */
    static Path safeTarget(Path root, String name) throws IOException {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\0")) {
            throw new IOException("refusing archive entry '" + name + "': absolute or empty path");
        }
        Path target = root.resolve(name).normalize();
        checkInside(root, target, name);
        return target;
    }

    private static Path deepestExisting(Path p) {
        while (!Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }

    private static void checkInside(Path root, Path target, String name) throws IOException {
        if (!target.startsWith(root)) {
            throw new IOException("refusing archive entry '" + name + "': it would be written outside " + root);
        }
    }

    private static void applyAttributes(Path target, TarArchiveEntry e) throws IOException {
        try {
            Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
            for (PosixFilePermission perm : PosixFilePermission.values()) {
                if ((e.getMode() & (0400 >> perm.ordinal())) != 0) {
                    perms.add(perm);
                }
            }
            Files.setPosixFilePermissions(target, perms);
        } catch (UnsupportedOperationException notPosix) {
            // Permissions are kept where the file system has them.
        }
        Files.setLastModifiedTime(target, e.getLastModifiedTime());
    }
}
