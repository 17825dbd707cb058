package io.hopfieldstream.producer.publish;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import io.hopfieldstream.producer.corruption.ProbeRandom;
import io.hopfieldstream.producer.dataset.CifarImage;

/**
 * An image to make probes from, and whether it is in the memory bank: probes of a stored image carry its
 * patternId as truth, probes of any other image carry none.
 *
 * @param image  the source image
 * @param stored whether the image is in the memory bank
 */
public record ProbeTarget(CifarImage image, boolean stored) {

    /** Validates the target. */
    public ProbeTarget {
        Objects.requireNonNull(image, "image");
    }

    /** Returns the truth patternId of this target's probes, or null for an image outside the memory bank. */
    public String truthPatternId() {
        return stored ? image.patternId() : null;
    }

    /** Returns targets for images in the memory bank. */
    public static List<ProbeTarget> stored(List<CifarImage> images) {
        return images.stream().map(image -> new ProbeTarget(image, true)).toList();
    }

    /** Returns targets for images outside the memory bank, whose probes have no known truth. */
    public static List<ProbeTarget> unstored(List<CifarImage> images) {
        return images.stream().map(image -> new ProbeTarget(image, false)).toList();
    }

    /** Returns the targets in a seeded random order, the same for the same seed. */
    public static List<ProbeTarget> shuffled(List<ProbeTarget> targets, long seed) {
        List<ProbeTarget> shuffled = new ArrayList<>(targets);
        ProbeRandom random = new ProbeRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, random.nextInt(i + 1));
        }
        return shuffled;
    }
}
