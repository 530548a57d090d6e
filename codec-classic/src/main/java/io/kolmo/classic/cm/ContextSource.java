package io.kolmo.classic.cm;

/**
 * The context models as the predictor sees them: their mixer inputs per bit and how many of the
 * contexts were seen before. {@link ContextModel} computes them in place; {@link ContextPipeline}
 * replays what a {@link ContextModel} on another thread computed.
 */
interface ContextSource extends BitModel {
    /** How many contexts have been seen before in this bit position (non-empty history). */
    int known();
}
