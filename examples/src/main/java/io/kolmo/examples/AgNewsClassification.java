package io.kolmo.examples;

import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.Codecs;
import io.kolmo.similarity.NcdClassifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Classifies AG News snippets by NCD k-nearest-neighbours with several codecs and prints accuracy
 * and time for each, side by side on the same split.
 *
 * <p>The split is seeded and documented: the 7,600 rows of the AG News test file are shuffled with
 * {@code java.util.Random(seed)}; the first {@code --train} rows are the training set and the next
 * {@code --test} rows the queries. Each row's text is its title, a space and its description.
 * {@code --k} takes one k or a list: the distances are computed once per codec and each k votes
 * on the same nearest neighbours (one row per codec and k). Defaults: 2,000 training rows, 500
 * queries, k = 9, seed 2026, codecs {@code deflate:9} (gzip -9's setting) and {@code cm:1}, the
 * setting docs/BENCHMARKS.md found best.
 *
 * <pre>
 * java -cp ... io.kolmo.examples.AgNewsClassification ../shared/data/agnews/test.csv \
 *     --train 2000 --test 500 --k 1,3,5,9 --seed 2026 --codecs deflate:9,cm:1,cm
 * </pre>
 */
public final class AgNewsClassification {
    private AgNewsClassification() {
    }

    /** One labelled row. */
    record Row(int label, String text) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: AgNewsClassification TEST.CSV [--train N] [--test N] [--k K[,K...]] [--seed S]"
                    + " [--codecs a,b] [--level L]");
            System.exit(2);
        }
        Path csv = Path.of(args[0]);
        int train = 2000;
        int test = 500;
        int[] ks = {9};
        long seed = 2026;
        int level = 0;
        String codecs = "deflate:9,cm:1";
        for (int i = 1; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--train" -> train = Integer.parseInt(v);
                case "--test" -> test = Integer.parseInt(v);
                case "--k" -> ks = Arrays.stream(v.split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
                case "--seed" -> seed = Long.parseLong(v);
                case "--codecs" -> codecs = v;
                case "--level" -> level = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Row> rows = readCsv(csv);
        Collections.shuffle(rows, new Random(seed));
        if (train + test > rows.size()) {
            throw new IllegalArgumentException("train + test exceeds the " + rows.size() + " rows");
        }
        List<NcdClassifier.Example<Integer>> examples = new ArrayList<>();
        for (Row r : rows.subList(0, train)) {
            examples.add(new NcdClassifier.Example<>(r.text().getBytes(StandardCharsets.UTF_8), r.label()));
        }
        List<Row> queries = rows.subList(train, train + test);
        List<byte[]> queryBytes = queries.stream().map(r -> r.text().getBytes(StandardCharsets.UTF_8)).toList();

        int maxK = Arrays.stream(ks).max().orElseThrow();
        if (Arrays.stream(ks).anyMatch(x -> x < 1) || maxK > train) {
            throw new IllegalArgumentException("every k must be 1.." + train + ": " + Arrays.toString(ks));
        }
        System.out.printf("AG News NCD-kNN: %d training rows, %d queries, k=%s, seed=%d, %d cores%n", train, test,
                Arrays.toString(ks), seed, Runtime.getRuntime().availableProcessors());
        System.out.println("| codec | k | accuracy | correct | seconds |");
        System.out.println("|---|--:|---:|---:|---:|");
        for (String spec : codecs.split(",")) {
            // NAME or NAME:LEVEL, for example deflate:9 (gzip -9's setting).
            String[] parts = spec.trim().split(":");
            String name = spec.trim();
            int codecLevel = parts.length > 1 ? Integer.parseInt(parts[1]) : level;
            Codec codec = Codecs.get(parts[0], CodecOptions.defaults().withLevel(codecLevel));
            long start = System.nanoTime();
            NcdClassifier<Integer> knn = NcdClassifier.train(codec, maxK, examples);
            List<List<NcdClassifier.Neighbour<Integer>>> nearest = knn.nearestAll(queryBytes, maxK);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int k : ks) {
                int correct = 0;
                for (int i = 0; i < queries.size(); i++) {
                    if (knn.vote(nearest.get(i), k) == queries.get(i).label()) {
                        correct++;
                    }
                }
                System.out.printf("| %s | %d | %.1f%% | %d/%d | %.1f |%n", name, k, 100.0 * correct / queries.size(),
                        correct, queries.size(), seconds);
            }
        }
    }

    /** Reads the AG News CSV: quoted fields, doubled quotes inside, label 1-4, title, description. */
    static List<Row> readCsv(Path csv) throws IOException {
        String all = Files.readString(csv, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < all.length(); i++) {
            char c = all.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < all.length() && all.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < all.length() && all.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                addRow(rows, fields);
                fields.clear();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            addRow(rows, fields);
        }
        return rows;
    }

    private static void addRow(List<Row> rows, List<String> fields) {
        if (fields.size() < 3) {
            if (fields.size() == 1 && fields.get(0).isEmpty()) {
                return;
            }
            throw new IllegalArgumentException("AG News row with " + fields.size() + " fields: " + fields);
        }
        String text = (fields.get(1) + " " + fields.get(2)).replace("\\\\", " ");
        rows.add(new Row(Integer.parseInt(fields.get(0).trim()), text));
    }
}
