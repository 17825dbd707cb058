package io.hopfieldstream.retriever.retrieval;

/**
 * How stored patterns and probes are prepared after scaling pixels to 0..1.
 */
public enum Normalization {
    /** Pixels / 255 only. */
    NONE,
    /** Subtract each vector's own mean. */
    CENTER,
    /** Scale each vector to unit Euclidean length. */
    UNIT,
    /** Subtract the mean, then scale to unit length (the default). */
    CENTER_UNIT
}
