package io.hopfieldstream.producer.publish;

import java.util.Objects;
import java.util.Set;

/**
 * Criteria by which {@link ImageSampler} selects images from a sequence.
 *
 * @param count       number of images to take, or {@link #ALL}
 * @param classes     labels to take, or empty for every class
 * @param order       first-N or a seeded random subset
 * @param seed        seed of the random subset, ignored for {@link SampleOrder#FIRST}
 * @param excludedIds patternIds never taken, for example those already in the memory bank
 */
public record SampleCriteria(int count, Set<Integer> classes, SampleOrder order, long seed, Set<String> excludedIds) {

    /** Count that takes every matching image. */
    public static final int ALL = -1;

    /** Validates the criteria. */
    public SampleCriteria {
        if (count < 0 && count != ALL) {
            throw new IllegalArgumentException("Invalid image count " + count + ": expected a positive count or ALL");
        }
        classes = Set.copyOf(classes);
        for (int label : classes) {
            if (label < 0 || label > 9) {
                throw new IllegalArgumentException("Invalid class label " + label + ": expected 0..9");
            }
        }
        Objects.requireNonNull(order, "order");
        excludedIds = Set.copyOf(excludedIds);
    }

    /** Takes every image. */
    public static SampleCriteria all() {
        return new SampleCriteria(ALL, Set.of(), SampleOrder.FIRST, 0L, Set.of());
    }

    /** Takes the first {@code count} images. */
    public static SampleCriteria first(int count) {
        return new SampleCriteria(count, Set.of(), SampleOrder.FIRST, 0L, Set.of());
    }

    /** Takes a random subset of {@code count} images, the same for the same seed. */
    public static SampleCriteria random(int count, long seed) {
        return new SampleCriteria(count, Set.of(), SampleOrder.RANDOM, seed, Set.of());
    }

    /** Returns a copy that takes only these labels. */
    public SampleCriteria withClasses(Set<Integer> labels) {
        return new SampleCriteria(count, labels, order, seed, excludedIds);
    }

    /** Returns a copy that never takes these patternIds. */
    public SampleCriteria excluding(Set<String> patternIds) {
        return new SampleCriteria(count, classes, order, seed, patternIds);
    }

    /** Returns whether an image's label and id pass the filters (not the count). */
    boolean matches(int label, String patternId) {
        return (classes.isEmpty() || classes.contains(label)) && !excludedIds.contains(patternId);
    }
}
