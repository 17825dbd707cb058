package io.hopfieldstream.evaluator.scoring;

/**
 * Reason the evaluator rejected a record. The constant's name is the reason code in the dead-letter record's
 * {@code dead-letter.reason} header. Undecodable bytes are the exception: their code is the decoder's own reason,
 * such as {@code TRUNCATED} or {@code UNKNOWN_FINGERPRINT}, when it gives one.
 */
public enum RejectionReason {

    /** The value or key could not be decoded. */
    UNDECODABLE,

    /** The truth patternId names no pattern in the memory. */
    UNKNOWN_TRUTH_PATTERN,

    /** The reconstruction does not have one value per pixel. */
    INVALID_PIXEL_COUNT,

    /** The stored original does not have one value per pixel, so nothing can be scored against it. */
    INVALID_STORED_PATTERN,

    /** The record has a key but no value. */
    MISSING_VALUE,

    /** The experimentId or runId is blank, so the reconstruction belongs to no metrics group. */
    MISSING_ID,

    /**
     * The probe creation or retrieval time is impossible: not positive, retrieval before creation beyond the
     * allowed clock skew, or retrieval too far after the evaluator's clock.
     */
    INVALID_TIMESTAMP,

    /** The retrieved pattern's attention weight is not a finite number from 0 to 1. */
    INVALID_RETRIEVED_WEIGHT,

    /** The retrieved patternId is set but names no pattern in the memory. */
    UNKNOWN_RETRIEVED_PATTERN,

    /** A value computed from the record could not be encoded for its output topic. */
    SERIALIZATION_FAILED,

    /** Any other failure while processing the record. */
    PROCESSING_FAILED
}
