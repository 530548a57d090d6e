/**
 * The hybrid codec: a pretrained byte transformer's predictions as inputs of cm's context-mixing
 * predictor. {@link io.kolmo.model.hybrid.HybridCodec} is the codec,
 * {@link io.kolmo.model.hybrid.HybridCodecProvider} registers it with the default model.
 */
package io.kolmo.model.hybrid;
