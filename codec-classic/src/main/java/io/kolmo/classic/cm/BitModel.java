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

    /**
     * How many weight sets this model asks of a mixer of its own, whose weights {@link #mixerContext()}
     * chooses (with the partial byte) and whose output {@link CmPredictor} averages with its mixers' (in
     * the stretched domain): a strong model can so tell the predictor how far to trust every input at
     * each of its confidence levels. 0, the default, asks for none; the first extra model that asks
     * gets it.
     */
    default int mixerContexts() {
        return 0;
    }

    /** The weight set of that mixer for the next bit, {@code 0 .. mixerContexts() - 1}; read after {@link #predict}. */
    default int mixerContext() {
        return 0;
    }
}
