package io.hopfieldstream.launcher.experiment.sweep;

import io.hopfieldstream.producer.dataset.CifarClasses;
import java.util.Locale;
import java.util.Objects;

/**
 * Which CIFAR-10 images a memory stores: the first {@code size} images of a source in index order,
 * either of every class ("mixed") or of one class only.
 *
 * <p>Written as {@code SOURCE:CLASSES:SIZE}, for example {@code test:mixed:1000} (the first 1,000
 * test images) or {@code train:cat:5000} (the first 5,000 training images of class cat). Because
 * each memory is a prefix of one fixed order, memories of one source and class that differ only in
 * size share their first images, so switching between them publishes only the difference.
 *
 * @param source where the images come from
 * @param label the only class stored, 0..9, or {@link #MIXED} for every class
 * @param size number of stored images, 1 up to the images available
 */
public record MemorySpec(MemorySource source, int label, int size) {

    /** Label value of a memory that stores images of every class. */
    public static final int MIXED = -1;

    private static final String SYNTAX = "expected SOURCE:CLASSES:SIZE, for example test:mixed:1000 or train:cat:5000 "
            + "(SOURCE train, test or all; CLASSES mixed, a class name or a label 0..9)";

    /**
     * Validates the spec.
     *
     * @throws IllegalArgumentException when the label is out of range or the source has fewer images than the size
     */
    public MemorySpec {
        Objects.requireNonNull(source, "source");
        if (label != MIXED && (label < 0 || label > 9)) {
            throw new IllegalArgumentException("Invalid memory class label " + label + ": expected 0..9 or mixed");
        }
        int available = label == MIXED ? source.size() : source.sizePerClass();
        if (size < 1 || size > available) {
            throw new IllegalArgumentException("Invalid memory size " + size + " for " + describeImages(source, label)
                    + ": expected 1.." + available);
        }
    }

    /**
     * Parses a spec such as {@code test:mixed:1000}; blanks and the case of names are ignored, and the
     * size may contain '_' or ',' as digit separators.
     *
     * @throws IllegalArgumentException naming the spec, the problem and the syntax
     */
    public static MemorySpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Invalid memory spec '" + text + "': " + SYNTAX);
        }
        try {
            MemorySource source = MemorySource.parse(parts[0]);
            int label = parseClasses(parts[1]);
            int size = parseSize(parts[2]);
            return new MemorySpec(source, label, size);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid memory spec '" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * Parses "mixed", a class name such as "cat" or a label such as "3".
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static int parseClasses(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("mixed")) {
            return MIXED;
        }
        return CifarClasses.STANDARD.label(normalized);
    }

    /**
     * Parses a memory size such as "50000", "50_000" or "50,000".
     *
     * @throws IllegalArgumentException when the text is not a whole number
     */
    public static int parseSize(String text) {
        String digits = text.trim().replace("_", "").replace(",", "");
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid memory size '" + text + "': expected a whole number", e);
        }
    }

    /** Returns whether the memory stores images of one class only. */
    public boolean singleClass() {
        return label != MIXED;
    }

    /** Returns "mixed" or the class name, for example "cat". */
    public String classes() {
        return label == MIXED ? "mixed" : CifarClasses.STANDARD.name(label);
    }

    /** Returns a copy with another size. */
    public MemorySpec withSize(int newSize) {
        return new MemorySpec(source, label, newSize);
    }

    /** Returns a copy that stores one class, or every class for {@link #MIXED}. */
    public MemorySpec withLabel(int newLabel) {
        return new MemorySpec(source, newLabel, size);
    }

    /** Returns a copy that takes its images from another source. */
    public MemorySpec withSource(MemorySource newSource) {
        return new MemorySpec(newSource, label, size);
    }

    /** Returns the spec in the form {@link #parse} reads, for example "test:mixed:1000". */
    public String text() {
        return source.id() + ":" + classes() + ":" + size;
    }

    /** Returns the spec without its size, for example "test:mixed"; memories with the same key share images. */
    public String family() {
        return source.id() + ":" + classes();
    }

    /** Describes the memory for tables and legends, for example "1,000 mixed test images". */
    public String describe() {
        return String.format(Locale.ROOT, "%,d %s", size, describeImages(source, label));
    }

    @Override
    public String toString() {
        return text();
    }

    private static String describeImages(MemorySource source, int label) {
        String classes = label == MIXED ? "mixed" : CifarClasses.STANDARD.name(label);
        String split = switch (source) {
            case TRAIN -> "training";
            case TEST -> "test";
            case ALL -> "training and test";
        };
        return classes + " " + split + " images";
    }
}
