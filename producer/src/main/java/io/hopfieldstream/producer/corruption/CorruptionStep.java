package io.hopfieldstream.producer.corruption;

import java.math.BigDecimal;

/**
 * One step of a corruption spec, such as {@code gaussian:25} or {@code lower-half}.
 *
 * <p>Fractions count pixels (all three channels of a pixel together) among those still known when the step
 * runs; on an uncorrupted image that is all 1024 pixels.
 */
public sealed interface CorruptionStep
        permits GaussianNoise, SaltAndPepper, HalfMask, CentreRectangleMask, RandomRectangleMask, PixelDropout {

    /** Returns the step name as written in a spec, for example "gaussian". */
    String name();

    /** Returns the step's strength: sigma in pixel levels for gaussian, a fraction 0..1 for the others. */
    double level();

    /** Returns whether this step hides pixels and so gives the probe a known-value mask. */
    boolean isMask();

    /** Returns this step as written in a spec, for example "gaussian:25" or "lower-half". */
    default String spec() {
        return name() + ":" + formatLevel(level());
    }

    /** Applies the step to the canvas, drawing from {@code random} in a fixed order. */
    void apply(CorruptionCanvas canvas, ProbeRandom random);

    /** Formats a level without trailing zeros: 25.0 as "25", 0.10 as "0.1". */
    static String formatLevel(double level) {
        return BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }

    /** Validates that a fraction lies within 0..1. */
    static double checkFraction(String name, double fraction) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException(name + " fraction must be within 0..1, got " + fraction);
        }
        return fraction;
    }

    /**
     * Chooses {@code count} distinct entries of {@code candidates} uniformly at random by a partial Fisher-Yates
     * shuffle, reordering the array; the chosen entries end up in its first {@code count} places.
     */
    static void shuffleFirst(int[] candidates, int count, ProbeRandom random) {
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(candidates.length - i);
            int swap = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = swap;
        }
    }
}
