package io.kolmo.classic.cm;

/**
 * The context-mixing predictor: its models' stretched predictions go into a mixer whose weight set
 * is chosen by the partial byte and the match length, and an APM stage by partial byte and last
 * byte refines the result. At levels 6-9 (see {@link CmLevel}) the models include the
 * {@link DnaRepeatModel}; the first mixer's weights are chosen by the partial byte and how many
 * contexts were seen before, a second mixer's by the match state and bit position, a third's by
 * the last byte and a fourth's by a hash of the last two bytes (both with the bit position); a
 * small final mixer combines the four, and a second APM by
 * partial byte and order-2 hash is averaged in. Encoder and decoder run the same predictor, so they
 * agree on every probability.
 *
 * <pre>{@code
 * History history = new History(data, 0, false);
 * CmPredictor p = new CmPredictor(history, CmLevel.of(6), data.length);
 * // per bit: coder.encodeBit(p.p(), bit); p.update(bit);
 * }</pre>
 *
 * <p>Further {@link BitModel}s (for example a neural network's prediction) can be added as mixer
 * inputs; the first that asks for it ({@link BitModel#mixerContexts()}) also gets a mixer of its own
 * whose weight set it chooses, averaged in with the others (without such a model the predictor is
 * exactly cm's). Not thread-safe.
 */
public final class CmPredictor {
    private final History h;
    /** The context models, computed here or replayed from another thread ({@link ContextPipeline}). */
    private final ContextSource contexts;
    private final MatchModel match;
    private final BitModel[] extra;
    /** Levels 6-9: forward and inverted repeats in DNA. */
    private final DnaRepeatModel dna;
    private final int[] st;
    private final int nIn;
    /** Whether the slower levels' second to fourth mixers, final mixer and first APM run. */
    private final boolean fullModels;
    private final Mixer mixer;
    private final Mixer mixer2;
    private final Mixer mixer3;
    private final Mixer mixer4;
    private final Mixer finalMixer;
    /** The extra model that chooses {@link #selected}'s weight set, or {@code null}. */
    private final BitModel selector;
    /** The selector's mixer, or {@code null}. */
    private final Mixer selected;
    /** The four mixers' outputs, a bias, and the selector's mixer if any: the final mixer's inputs. */
    private final int[] mixerOutputs;
    private final Apm apm1;
    /** Levels 6-9: an APM by partial byte and a 10-bit hash of the last two bytes (helps DNA most). */
    private final int apm1Mask;
    private final Apm apm2;
    /** Small frames get a small APM by last byte (its low bits), so short frames start fast. */
    private final int apm2Mask;

    /**
     * @param history the frame's history; the predictor updates it
     * @param level the memory and model choice
     * @param frameLength bytes in the frame: small frames get small tables
     * @param extra further models to mix in
     */
    public CmPredictor(History history, CmLevel level, int frameLength, BitModel... extra) {
        this(history, level, frameLength, null, extra);
    }

    /**
     * A predictor whose context models run on a second thread, fed by {@code pipeline} (see
     * {@link ContextPipeline}): the same probabilities as the one-thread predictor.
     */
    CmPredictor(History history, CmLevel level, int frameLength, ContextPipeline pipeline, BitModel... extra) {
        this.h = history;
        this.fullModels = level.fullModels();
        this.contexts = pipeline != null ? pipeline : new ContextModel(history, level.contexts(),
            level.contextTableBits(frameLength), fullModels);
        this.match = new MatchModel(history, level.matchTableBits(frameLength));
        this.dna = fullModels ? new DnaRepeatModel(history, level.matchTableBits(frameLength)) : null;
        this.extra = extra.clone();
        int n = contexts.inputs() + match.inputs() + (dna != null ? dna.inputs() : 0) + 1;
        for (BitModel m : extra) {
            n += m.inputs();
        }
        this.nIn = n;
        this.st = new int[n];
        this.mixer = new Mixer(n, 256 * (fullModels ? 16 : 4), 6);
        this.mixer2 = fullModels ? new Mixer(n, 32 * 8, 6) : null;
        this.mixer3 = fullModels ? new Mixer(n, 256 * 8, 6) : null;
        this.mixer4 = fullModels ? new Mixer(n, 1024 * 8, 6) : null;
        BitModel chooser = null;
        for (BitModel m : extra) {
            if (m.mixerContexts() > 0) {
                chooser = m;
                break;
            }
        }
        this.selector = chooser;
        this.selected = chooser == null ? null : new Mixer(n, chooser.mixerContexts() * 256, 6);
        this.mixerOutputs = new int[chooser == null ? 5 : 6];
        this.finalMixer = fullModels ? new Mixer(mixerOutputs.length, 256, 2, 65536 / 4) : null;
        this.apm1 = fullModels ? new Apm(1 << (level.apmBits(frameLength) + 2), 7) : null;
        this.apm1Mask = (1 << (level.apmBits(frameLength) + 2)) - 1;
        this.apm2 = new Apm(1 << level.apmBits(frameLength), 7);
        this.apm2Mask = (1 << level.apmBits(frameLength)) - 1;
    }

    /** P(next bit is 1), 1..65535 of 65536. */
    public int p() {
        int[] st = this.st;
        contexts.predict(st, 0);
        int at = contexts.inputs();
        match.predict(st, at);
        at += match.inputs();
        if (dna != null) {
            dna.predict(st, at);
            at += dna.inputs();
        }
        for (BitModel m : extra) {
            m.predict(st, at);
            at += m.inputs();
        }
        st[at] = 256;
        int c0 = h.c0();
        // the selecting model's own mixer, the same for both mixer set-ups below
        int chosen = selected == null ? 0 : selected.mix(st, selector.mixerContext() << 8 | c0);
        if (!fullModels) {
            // One mixer whose weight set is chosen by the partial byte and how long the match runs.
            int len = match.length();
            int lenBucket = len == 0 ? 0 : len < 16 ? 1 : len < 32 ? 2 : 3;
            int mixed = mixer.mix(st, lenBucket << 8 | c0);
            int pMix = mixer.p();
            if (selected != null) {
                mixed = (mixed + chosen) >> 1;
                pMix = Logistic.squash(mixed);
            }
            int p2 = apm2.refine(mixed, (c0 | (h.c4() & 0xFF) << 8) & apm2Mask);
            return Math.max(1, Math.min(65535, (pMix + 3 * p2 + 2) >> 2));
        }
        int len = match.length();
        // Mixer 2 picks its weights by how long (and whether) the match runs, the expected bit,
        // the bit position and whether the last byte was ASCII.
        int lenBucket = len == 0 ? 0 : len < 16 ? 1 + (len >> 2) : len < 32 ? 5 : len < 64 ? 6 : 7;
        int m2 = (lenBucket << 1 | (len == 0 ? 0 : match.expectedBit())) << 3 | h.bitCount();
        mixerOutputs[0] = mixer.mix(st, Math.min(15, contexts.known()) << 8 | c0);
        mixerOutputs[1] = mixer2.mix(st, m2 << 1 | (h.c4() >>> 7 & 1));
        mixerOutputs[2] = 256;
        mixerOutputs[3] = mixer3.mix(st, (h.c4() & 0xFF) << 3 | h.bitCount());
        int order2 = (h.c4() & 0xFFFF) * 0x9E3779B1 >>> 22;
        mixerOutputs[4] = mixer4.mix(st, order2 << 3 | h.bitCount());
        if (selected != null) {
            mixerOutputs[5] = chosen;
        }
        int mixed = finalMixer.mix(mixerOutputs, c0);
        int pMix = finalMixer.p();
        int p1 = apm1.refine(mixed, (c0 | order2 << 8) & apm1Mask);
        int p2 = apm2.refine(mixed, (c0 | (h.c4() & 0xFF) << 8) & apm2Mask);
        int p = (pMix + p1 + 2 * p2 + 2) >> 2;
        return Math.max(1, Math.min(65535, p));
    }

    /** Learns the coded bit and advances the history. */
    public void update(int bit) {
        mixer.update(st, bit);
        if (selected != null) {
            selected.update(st, bit);
        }
        if (fullModels) {
            mixer2.update(st, bit);
            mixer3.update(st, bit);
            mixer4.update(st, bit);
            finalMixer.update(mixerOutputs, bit);
            apm1.update(bit);
        }
        apm2.update(bit);
        h.update(bit);
        contexts.update(bit);
        match.update(bit);
        if (dna != null) {
            dna.update(bit);
        }
        for (BitModel m : extra) {
            m.update(bit);
        }
    }

    /** Number of mixer inputs, the bias included. */
    public int inputs() {
        return nIn;
    }
}
