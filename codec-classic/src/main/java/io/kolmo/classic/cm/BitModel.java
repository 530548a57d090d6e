package io.kolmo.classic.cm;

/**
 * One input group of the context-mixing predictor: a model that, before each bit, gives the
 * mixer one or more stretched predictions of that bit and, after it, learns the coded bit.
 * The cm codec's own models implement it, and so can others (a neural network's prediction in the
 * hybrid codec) to join the same mixer.
 *
 * <p>Call order per bit: {@link #predict}, then (after the bit was coded and {@link History} took
 * it) {@link #update}. Implementations are not thread-safe.
 */
public interface BitModel {
    /** Number of stretched predictions {@link #predict} writes. */
    int inputs();

    /**
     * Writes {@link #inputs()} stretched predictions of the next bit (see {@link Logistic}) to
     * {@code st[at..]}.
     */
    void predict(int[] st, int at);

    /**
     * Learns the bit just coded; the shared {@link History} already includes it, so a model can
     * prepare its contexts for the next bit here.
     */
    void update(int bit);
}
