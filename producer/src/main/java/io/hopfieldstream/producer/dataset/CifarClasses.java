package io.hopfieldstream.producer.dataset;

import java.util.List;
import java.util.Locale;

/**
 * The CIFAR-10 class names, label 0 first, as listed in {@code batches.meta.txt}.
 *
 * @param names one name per label
 */
public record CifarClasses(List<String> names) {

    /** The names of the official data set, for use where no {@code batches.meta.txt} was read. */
    public static final CifarClasses STANDARD = new CifarClasses(List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"));

    /** Validates that there is one non-blank name per label. */
    public CifarClasses {
        names = List.copyOf(names);
        if (names.size() != CifarImage.CLASS_COUNT) {
            throw new IllegalArgumentException(
                    "Expected " + CifarImage.CLASS_COUNT + " class names, got " + names.size() + ": " + names);
        }
        if (names.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("Class names must not be blank: " + names);
        }
    }

    /** Returns the name of a label, 0..9. */
    public String name(int label) {
        if (label < 0 || label >= names.size()) {
            throw new IllegalArgumentException("Invalid label " + label + ": expected 0.." + (names.size() - 1));
        }
        return names.get(label);
    }

    /**
     * Parses a class given as its label (for example "3") or its name (for example "cat", ignoring case).
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public int label(String labelOrName) {
        String text = labelOrName.trim();
        if (text.matches("\\d+")) {
            int label = Integer.parseInt(text);
            name(label);
            return label;
        }
        int label = names.indexOf(text.toLowerCase(Locale.ROOT));
        if (label < 0) {
            throw new IllegalArgumentException(
                    "Unknown CIFAR-10 class '" + labelOrName + "': expected a label 0..9 or one of " + names);
        }
        return label;
    }
}
