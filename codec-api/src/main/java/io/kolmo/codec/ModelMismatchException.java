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

    /**
     * @param expectedModelId hex model id recorded in the stream header
     * @param availableModelId hex id of the model at hand, or null if none could be loaded
     * @param detail why no model is at hand (appended to the message), or null
     * @param cause the failure that left no model, or null
     */
    public ModelMismatchException(String expectedModelId, String availableModelId, String detail, Throwable cause) {
        super("stream needs model " + expectedModelId + " but "
                + (availableModelId == null ? "no model is available" : "the available model is " + availableModelId)
                + (detail == null ? "" : ": " + detail), cause);
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
