package io.kolmo.benchmarks.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files to benchmark: each path given is a file, or a directory walked recursively (regular
 * files only, sorted by path, hidden ones skipped). Files larger than the cap are left out and
 * listed, not truncated, so every figure is for a whole file.
 *
 * @param files the files kept, each with the name it has in the tables
 * @param skipped files left out for their size, with the reason
 */
record CorpusFiles(List<CorpusFile> files, List<String> skipped) {

    /** One input file and the name it has in the tables (relative to the directory given). */
    record CorpusFile(Path path, String name) {
    }

    static CorpusFiles collect(List<Path> roots, long maxBytes) throws IOException {
        List<CorpusFile> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path root : roots) {
            List<CorpusFile> found = new ArrayList<>();
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !root.relativize(p).toString().matches("(.*/)?\\..*"))
                            .sorted()
                            .forEach(p -> found.add(new CorpusFile(p, root.relativize(p).toString())));
                }
            } else if (Files.isRegularFile(root)) {
                found.add(new CorpusFile(root, root.getFileName().toString()));
            } else {
                throw new IOException("no such file or directory: " + root);
            }
            for (CorpusFile f : found) {
                long size = Files.size(f.path());
                if (size > maxBytes) {
                    skipped.add(f.name() + " (" + size + " bytes > cap " + maxBytes + ")");
                } else {
                    files.add(f);
                }
            }
        }
        return new CorpusFiles(List.copyOf(files), List.copyOf(skipped));
    }
}
