package io.hopfieldstream.launcher.experiment.sweep;

import io.hopfieldstream.producer.dataset.CifarSplit;
import java.util.List;
import java.util.Locale;

/**
 * Where the images of a memory come from: the training split, the test split, or both (all
 * training images first, then the test images).
 */
public enum MemorySource {

    /** The 50,000 training images. */
    TRAIN("train", List.of(CifarSplit.TRAIN)),

    /** The 10,000 test images. */
    TEST("test", List.of(CifarSplit.TEST)),

    /** The 60,000 images of both splits, training images first. */
    ALL("all", List.of(CifarSplit.TRAIN, CifarSplit.TEST));

    private final String id;
    private final List<CifarSplit> splits;

    MemorySource(String id, List<CifarSplit> splits) {
        this.id = id;
        this.splits = splits;
    }

    /** Returns the name used in memory specs: "train", "test" or "all". */
    public String id() {
        return id;
    }

    /** Returns the splits read, in order. */
    public List<CifarSplit> splits() {
        return splits;
    }

    /** Returns the number of images of this source. */
    public int size() {
        return splits.stream().mapToInt(CifarSplit::size).sum();
    }

    /** Returns the number of images of one class; CIFAR-10 has the same number in every class. */
    public int sizePerClass() {
        return size() / 10;
    }

    /**
     * Parses "train", "test" or "all", ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static MemorySource parse(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        for (MemorySource source : values()) {
            if (source.id.equals(normalized)) {
                return source;
            }
        }
        throw new IllegalArgumentException("Invalid memory source '" + text + "': expected train, test or all");
    }
}
