package io.kolmo.codec;

/**
 * The stream was written with a model other than the one available for decoding. Model codecs
 * decode only with the exact model that encoded, so decoding stops before any byte is returned.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public class ModelMismatchException extends UnsupportedFormatException {
    private static final long serialVersionUID = 1L;
    private final String expectedModelId;
    private final String availableModelId;

    /**
     * @param expectedModelId hex model id recorded in the stream header
     * @param availableModelId hex id of the model at hand, or null if none could be loaded
     */
    public ModelMismatchException(String expectedModelId, String availableModelId) {
        super("stream needs model " + expectedModelId + " but "
                + (availableModelId == null ? "no model is available" : "the available model is " + availableModelId));
        this.expectedModelId = expectedModelId;
        this.availableModelId = availableModelId;
    }

    public String expectedModelId() {
        return expectedModelId;
    }

    public String availableModelId() {
        return availableModelId;
    }
}
