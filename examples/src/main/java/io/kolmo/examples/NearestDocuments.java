package io.kolmo.examples;

import io.kolmo.codec.Codec;
import io.kolmo.codec.Codecs;
import io.kolmo.similarity.NcdClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the documents in a directory nearest to a query file by normalized compression distance.
 *
 * <pre>
 * java -cp ... io.kolmo.examples.NearestDocuments QUERY_FILE DIRECTORY [COUNT] [CODEC]   (CODEC: cm by default)
 * </pre>
 */
public final class NearestDocuments {
    private NearestDocuments() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: NearestDocuments QUERY_FILE DIRECTORY [COUNT] [CODEC]");
            System.exit(2);
        }
        byte[] query = Files.readAllBytes(Path.of(args[0]));
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        // cm by default, not the registry default: NCD measures every document twice (alone and
        // after the query), and the model codecs manage only a few KB/s on a CPU.
        Codec codec = Codecs.get(args.length > 3 ? args[3] : "cm");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[1]))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<NcdClassifier.Example<Path>> docs = new ArrayList<>();
        for (Path f : files) {
            docs.add(new NcdClassifier.Example<>(Files.readAllBytes(f), f));
        }
        NcdClassifier<Path> index = NcdClassifier.train(codec, 1, docs);
        System.out.println("nearest to " + args[0] + " by NCD under " + codec.name() + ":");
        for (NcdClassifier.Neighbour<Path> n : index.nearest(query, count)) {
            System.out.printf("%.4f  %s%n", n.distance(), n.label());
        }
    }
}
