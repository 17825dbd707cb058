package io.hopfieldstream.evaluator.scoring;

/** Why the evaluator rejected a record, as written to the dead-letter topic's reason header. */
public enum RejectionReason {

    /** The value or key could not be decoded. */
    UNDECODABLE("undecodable"),

    /** The truth patternId names no pattern in the memory. */
    UNKNOWN_TRUTH_PATTERN("unknown-truth-pattern"),

    /** The reconstruction does not have one value per pixel. */
    INVALID_PIXEL_COUNT("invalid-pixel-count"),

    /** The stored original does not have one value per pixel, so nothing can be scored against it. */
    INVALID_STORED_PATTERN("invalid-stored-pattern"),

    /** The record has a key but no value. */
    MISSING_VALUE("missing-value"),

    /** A value computed from the record could not be encoded for its output topic. */
    SERIALIZATION_FAILED("serialization-failed"),

    /** Any other failure while processing the record. */
    PROCESSING_FAILED("processing-failed");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    /** Returns the short code written to the dead-letter header. */
    public String code() {
        return code;
    }
}
