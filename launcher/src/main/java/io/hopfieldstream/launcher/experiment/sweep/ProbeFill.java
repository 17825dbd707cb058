package io.hopfieldstream.launcher.experiment.sweep;

import java.util.Locale;

/**
 * The values that the hidden pixels of a masked probe contain when it is published.
 */
public enum ProbeFill {

    /** The corruption's own fill value, 0, as the producer writes it. */
    ZERO("zero"),

    /**
     * The mean of the probe's known values over all three channels, rounded to a whole pixel level.
     * After centring, the hidden values then contribute nothing to plain retrieval's scores.
     */
    KNOWN_MEAN("known-mean");

    private final String id;

    ProbeFill(String id) {
        this.id = id;
    }

    /** Returns the name used in sweep files and tables: "zero" or "known-mean". */
    public String id() {
        return id;
    }

    /**
     * Parses "zero" or "known-mean", ignoring case; '_' is accepted for '-'.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ProbeFill parse(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ProbeFill fill : values()) {
            if (fill.id.equals(normalized)) {
                return fill;
            }
        }
        throw new IllegalArgumentException("Invalid fill '" + text + "': expected zero or known-mean");
    }
}
