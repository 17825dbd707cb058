package io.hopfieldstream.producer.publish;

import java.util.Locale;

/** Selection rule of {@link ImageSampler} when fewer images are requested than match. */
public enum SampleOrder {

    /** The first matching images in index order. */
    FIRST,

    /** A uniformly random (seeded) subset of the matching images, returned in index order. */
    RANDOM;

    /**
     * Parses "first" or "random", ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SampleOrder parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid sample order '" + text + "': expected 'first' or 'random'", e);
        }
    }
}
