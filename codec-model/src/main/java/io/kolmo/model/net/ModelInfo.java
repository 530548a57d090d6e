package io.kolmo.model.net;

import java.util.HexFormat;
import java.util.Objects;

/**
 * Identity and shape of a {@link ByteModel}.
 *
 * @param id sha256 of the model's weight file (32 bytes); what stream headers record
 * @param contextLength the longest window the model evaluates
 * @param logitScale natural-log units of one logit step (2^-8 for the default model)
 * @param validBitsPerByte bits per byte on the training corpus' validation split, as recorded in
 *     the model's metadata (NaN when absent)
 */
public record ModelInfo(byte[] id, int contextLength, double logitScale, double validBitsPerByte) {
    public ModelInfo {
        Objects.requireNonNull(id, "id");
        if (id.length != 32) {
            throw new IllegalArgumentException("model id must be 32 bytes (sha256), got " + id.length);
        }
        id = id.clone();
        if (contextLength < 2) {
            throw new IllegalArgumentException("context length " + contextLength);
        }
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    /** The id in lower-case hex. */
    public String idHex() {
        return HexFormat.of().formatHex(id);
    }
}
