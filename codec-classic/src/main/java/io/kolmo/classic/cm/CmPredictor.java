package io.kolmo.classic.cm;

/**
 * The context-mixing predictor: its models' stretched predictions go into a mixer whose weight
 * set is chosen by the partial byte, then two APM stages refine the result. Encoder and decoder
 * run the same predictor, so they agree on every probability.
 *
 * <pre>{@code
 * CmPredictor p = new CmPredictor(history, CmLevel.of(6), frameLength);
 * for each bit: coder.encodeBit(p.p(), bit); history.update(bit)... // see CmEncoder
 * }</pre>
 *
 * <p>Further {@link BitModel}s (for example a neural network's prediction) can be added as mixer
 * inputs. Not thread-safe.
 */
public final class CmPredictor {
    private final History h;
    private final ContextModel contexts;
    private final MatchModel match;
    private final BitModel[] extra;
    private final int[] st;
    private final int nIn;
    private final Mixer mixer;
    private final Apm apm1;
    private final Apm apm2;
    private int mixed;
    private int pMix;
    private int pr = 32768;

    /**
     * @param history the frame's history; the predictor updates it
     * @param level the memory and model choice
     * @param frameLength bytes in the frame: small frames get small tables
     * @param extra further models to mix in
     */
    public CmPredictor(History history, CmLevel level, int frameLength, BitModel... extra) {
        this.h = history;
        this.contexts = new ContextModel(history, level.contexts(), level.contextTableBits(frameLength));
        this.match = new MatchModel(history, level.matchTableBits(frameLength));
        this.extra = extra.clone();
        int n = contexts.inputs() + match.inputs() + 1;
        for (BitModel m : extra) {
            n += m.inputs();
        }
        this.nIn = n;
        this.st = new int[n];
        this.mixer = new Mixer(n, 256, 6);
        this.apm1 = new Apm(256, 7);
        this.apm2 = new Apm(1 << 16, 7);
    }

    /** P(next bit is 1), 1..65535 of 65536. */
    public int p() {
        int[] st = this.st;
        contexts.predict(st, 0);
        int at = contexts.inputs();
        match.predict(st, at);
        at += match.inputs();
        for (BitModel m : extra) {
            m.predict(st, at);
            at += m.inputs();
        }
        st[at] = 256;
        int c0 = h.c0();
        mixed = mixer.mix(st, c0);
        pMix = mixer.p();
        int p1 = apm1.refine(mixed, c0);
        int p2 = apm2.refine(mixed, (c0 | (h.c4() & 0xFF) << 8));
        int p = (pMix + p1 + 2 * p2 + 2) >> 2;
        pr = Math.max(1, Math.min(65535, p));
        return pr;
    }

    /** Learns the coded bit and advances the history. */
    public void update(int bit) {
        mixer.update(st, bit);
        apm1.update(bit);
        apm2.update(bit);
        h.update(bit);
        contexts.update(bit);
        match.update(bit);
        for (BitModel m : extra) {
            m.update(bit);
        }
    }

    /** Number of mixer inputs, the bias included. */
    public int inputs() {
        return nIn;
    }
}
