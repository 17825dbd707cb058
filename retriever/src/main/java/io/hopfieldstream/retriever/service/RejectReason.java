package io.hopfieldstream.retriever.service;

import io.hopfieldstream.schemas.serde.RecordDecodeException;

/**
 * Why the retriever rejected a probe record. The constant's name is the reason code in the
 * dead-letter reason header and the metric tag; decode failures share their names with
 * {@link RecordDecodeException.Reason}.
 */
public enum RejectReason {

    /** The record has no value (a tombstone on the probe topic). */
    MISSING_VALUE,
    /** The value has zero bytes. */
    EMPTY,
    /** The value does not start with the Avro single-object marker. */
    BAD_HEADER,
    /** The value's schema fingerprint is none of the probe schemas the retriever knows. */
    UNKNOWN_FINGERPRINT,
    /** The value ends before its header or record is complete. */
    TRUNCATED,
    /** The value's body is not a valid probe record. */
    UNDECODABLE,
    /** The probe's id is blank. */
    MISSING_PROBE_ID,
    /** The probe's experiment id is blank. */
    MISSING_EXPERIMENT_ID,
    /** The probe's label is not a CIFAR-10 class from 0 to 9. */
    INVALID_LABEL,
    /** The probe does not hold exactly 3072 pixel values. */
    WRONG_PIXEL_COUNT,
    /** The probe's known-pixel mask does not hold exactly 3072 entries. */
    INVALID_MASK_LENGTH,
    /** An entry of the probe's known-pixel mask is neither 0 nor 1. */
    INVALID_MASK_VALUE,
    /** The probe's known-pixel mask marks every pixel as missing, so retrieval has nothing to compare. */
    NO_KNOWN_PIXELS,
    /** The probe names a truth pattern that the memory does not hold, even after catching up with the memory topic. */
    UNKNOWN_PATTERN,
    /**
     * The retrieval backend rejected the probe as invalid input with an {@link IllegalArgumentException}
     * that the checks before retrieval did not foresee.
     */
    BACKEND_REJECTED;

    /** Maps a decoder failure to its reason. */
    static RejectReason of(RecordDecodeException.Reason reason) {
        return switch (reason) {
            case EMPTY -> EMPTY;
            case BAD_HEADER -> BAD_HEADER;
            case UNKNOWN_FINGERPRINT -> UNKNOWN_FINGERPRINT;
            case TRUNCATED -> TRUNCATED;
            case UNDECODABLE -> UNDECODABLE;
        };
    }
}
