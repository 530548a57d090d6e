package io.kolmo.similarity;

import io.kolmo.codec.Codec;
import io.kolmo.codec.ContinuableMeasure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A k-nearest-neighbour classifier over normalized compression distance: a query takes the label
 * most common among the {@code k} training examples nearest to it.
 *
 * <p>Ties are broken deterministically: neighbours at equal distance in training order; labels
 * with equal votes by the smaller sum of their neighbours' distances, then by which label came
 * first in the training data. The code length of every training example is measured once, when the
 * classifier is built; for codecs that implement {@link ContinuableMeasure} the model state after
 * each example is kept too, so measuring an example followed by a query costs the query alone.
 *
 * <pre>{@code
 * NcdClassifier<String> knn = NcdClassifier.train(Codecs.get("cm"), 5, examples);
 * String label = knn.classify(query);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe (the codec is); {@link #classifyAll} uses all cores.
 *
 * @param <L> the label type
 */
public final class NcdClassifier<L> {
    /** One labelled training example. */
    public record Example<L>(byte[] data, L label) {
        public Example {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(label, "label");
        }
    }

    /** A training example and its distance to a query. */
    public record Neighbour<L>(int index, L label, double distance) {
    }

    private final Codec codec;
    private final int k;
    private final List<Example<L>> examples;
    private final long[] bits;
    /** Model states after each example, when the codec can continue from a state; else null. */
    private final ContinuableMeasure.MeasureState[] states;
    private final Map<L, Integer> labelOrder = new LinkedHashMap<>();

    private NcdClassifier(Codec codec, int k, List<Example<L>> examples, long[] bits,
            ContinuableMeasure.MeasureState[] states) {
        this.codec = codec;
        this.k = k;
        this.examples = examples;
        this.bits = bits;
        this.states = states;
        for (Example<L> e : examples) {
            labelOrder.putIfAbsent(e.label(), labelOrder.size());
        }
    }

    /**
     * Builds a classifier, measuring every example once.
     *
     * @param k neighbours that vote, at least 1 and at most the number of examples
     */
    public static <L> NcdClassifier<L> train(Codec codec, int k, List<Example<L>> examples) throws IOException {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        if (k < 1 || k > examples.size()) {
            throw new IllegalArgumentException("k must be 1.." + examples.size() + ": " + k);
        }
        List<Example<L>> copy = List.copyOf(examples);
        long[] bits = new long[copy.size()];
        ContinuableMeasure.MeasureState[] states = null;
        if (codec instanceof ContinuableMeasure continuable) {
            // Keep the state after each example: a query then costs the query's bytes only.
            ContinuableMeasure.MeasureState[] s = new ContinuableMeasure.MeasureState[copy.size()];
            IntStream.range(0, copy.size()).parallel().forEach(i -> {
                s[i] = continuable.startMeasure();
                s[i].update(copy.get(i).data(), 0, copy.get(i).data().length);
                bits[i] = s[i].bits();
            });
            states = s;
        } else {
            try {
                IntStream.range(0, copy.size()).parallel().forEach(i -> bits[i] = measure(codec, copy.get(i).data()));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return new NcdClassifier<>(codec, k, copy, bits, states);
    }

    private static long measure(Codec codec, byte[] data) {
        try {
            return codec.measure(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int k() {
        return k;
    }

    /** The {@code k} nearest training examples, nearest first (ties in training order). */
    public List<Neighbour<L>> nearest(byte[] query) throws IOException {
        return nearest(query, k);
    }

    /** The {@code n} nearest training examples, nearest first (ties in training order). */
    public List<Neighbour<L>> nearest(byte[] query, int n) throws IOException {
        long q = codec.measure(query);
        List<Neighbour<L>> all = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            Example<L> e = examples.get(i);
            long joint;
            if (states != null) {
                ContinuableMeasure.MeasureState s = states[i].copy();
                s.update(query, 0, query.length);
                joint = s.bits();
            } else {
                joint = codec.measure(Ncd.concat(e.data(), query));
            }
            all.add(new Neighbour<>(i, e.label(), Ncd.distance(bits[i], q, joint)));
        }
        all.sort(Comparator.comparingDouble((Neighbour<L> x) -> x.distance()).thenComparingInt(Neighbour::index));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** The label the {@code k} nearest examples vote for. */
    public L classify(byte[] query) throws IOException {
        return vote(nearest(query));
    }

    /** Classifies many queries in parallel; results in query order. */
    public List<L> classifyAll(List<byte[]> queries) throws IOException {
        return nearestAll(queries, k).stream().map(this::vote).toList();
    }

    /**
     * The {@code n} nearest training examples of each query (see {@link #nearest(byte[], int)}),
     * computed in parallel; results in query order. With {@link #vote(List, int)} one call serves
     * every {@code k <= n}.
     */
    public List<List<Neighbour<L>>> nearestAll(List<byte[]> queries, int n) throws IOException {
        try {
            return queries.parallelStream().map(q -> {
                try {
                    return nearest(q, n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The label that the first {@code k} of {@code nearest} (nearest first, as {@link #nearest}
     * returns them) vote for, with this classifier's tie-breaks: one {@code nearest(query, n)} call
     * then answers for every {@code k <= n}, for example to compare several k on one distance
     * computation.
     *
     * @param k 1..{@code nearest.size()}
     */
    public L vote(List<Neighbour<L>> nearest, int k) {
        if (k < 1 || k > nearest.size()) {
            throw new IllegalArgumentException("k must be 1.." + nearest.size() + ": " + k);
        }
        return vote(nearest.subList(0, k));
    }

    /** Majority vote with the documented tie-breaks. */
    L vote(List<Neighbour<L>> neighbours) {
        Map<L, int[]> votes = new LinkedHashMap<>();
        Map<L, double[]> distance = new LinkedHashMap<>();
        for (Neighbour<L> n : neighbours) {
            votes.computeIfAbsent(n.label(), x -> new int[1])[0]++;
            distance.computeIfAbsent(n.label(), x -> new double[1])[0] += n.distance();
        }
        return votes.keySet().stream().min(Comparator
                .comparingInt((L l) -> -votes.get(l)[0])
                .thenComparingDouble(l -> distance.get(l)[0])
                .thenComparingInt(labelOrder::get)).orElseThrow();
    }
}
