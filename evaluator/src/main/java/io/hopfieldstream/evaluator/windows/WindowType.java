package io.hopfieldstream.evaluator.windows;

/** Kinds of window the evaluator aggregates over, as written to {@code WindowMetrics.windowType}. */
public enum WindowType {

    /** Hopping time window over the retrieval time: a fixed size, starting every advance. */
    HOPPING("hopping"),

    /** Rolling window of the last K reconstructions of a group. */
    COUNT("count"),

    /** Every reconstruction of the group so far. */
    CUMULATIVE("cumulative");

    private final String id;

    WindowType(String id) {
        this.id = id;
    }

    /** Returns the lower-case name used in records, keys and JSON. */
    public String id() {
        return id;
    }
}
