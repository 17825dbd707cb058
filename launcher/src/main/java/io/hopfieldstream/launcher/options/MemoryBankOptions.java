package io.hopfieldstream.launcher.options;

import io.hopfieldstream.producer.dataset.CifarClasses;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarImageIterator;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.dataset.CifarSelection;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.producer.publish.ImageSampler;
import io.hopfieldstream.producer.publish.SampleCriteria;
import io.hopfieldstream.producer.publish.SampleOrder;
import io.hopfieldstream.launcher.InvalidSettingException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Options that select the CIFAR-10 images of the memory bank. The same options and seed always
 * select the same images, so the probe command finds the bank that the memory command published.
 */
public final class MemoryBankOptions {

    /** Images in the memory bank by default. */
    public static final int DEFAULT_MEMORY_SIZE = 1_000;

    @Option(names = "--memory-size", paramLabel = "N", defaultValue = "" + DEFAULT_MEMORY_SIZE,
            description = "Images in the memory bank, 1..50000 (default: ${DEFAULT-VALUE}).")
    int memorySize;

    @Option(names = "--all-images",
            description = "Store every image of the split that matches --classes, ignoring --memory-size.")
    boolean allImages;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test", converter = Converters.SplitConverter.class,
            description = "CIFAR-10 split the images come from: test (10,000 images) or train (50,000) "
                    + "(default: ${DEFAULT-VALUE}).")
    CifarSplit split;

    @Option(names = "--classes", paramLabel = "CLASS", split = ",",
            description = "Only these classes, as labels 0..9 or names (airplane, automobile, bird, cat, deer, dog, "
                    + "frog, horse, ship, truck), comma-separated (default: all).")
    List<String> classes = List.of();

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "first", converter = Converters.OrderConverter.class,
            description = "first: the first N matching images in index order; random: a seeded random subset "
                    + "(default: ${DEFAULT-VALUE}).")
    SampleOrder order;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the random subset for --order random (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Returns the chosen split. */
    public CifarSplit split() {
        return split;
    }

    /** Returns the selection criteria; an invalid size or class raises {@link InvalidSettingException}. */
    public SampleCriteria criteria() {
        int count = allImages ? SampleCriteria.ALL : memorySize;
        if (!allImages && (memorySize < 1 || memorySize > CifarSplit.TRAIN.size())) {
            throw new InvalidSettingException("Invalid --memory-size " + memorySize + ": expected 1.."
                    + CifarSplit.TRAIN.size() + " images");
        }
        if (!allImages && memorySize > split.size()) {
            throw new InvalidSettingException("Invalid --memory-size " + memorySize + ": the " + split.id()
                    + " split holds " + split.size() + " images; use --split train for up to "
                    + CifarSplit.TRAIN.size());
        }
        return new SampleCriteria(count, labels(), order, seed, Set.of());
    }

    /** Returns the chosen class labels, empty for every class. */
    public Set<Integer> labels() {
        return parseLabels("--classes", classes);
    }

    /**
     * Parses class labels given as numbers 0..9 or names.
     *
     * @param option the option's name, for the error message
     * @throws InvalidSettingException naming the option and the rejected value
     */
    public static Set<Integer> parseLabels(String option, List<String> classes) {
        Set<Integer> labels = new LinkedHashSet<>();
        for (String text : classes) {
            try {
                labels.add(CifarClasses.STANDARD.label(text));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("Invalid " + option + " value '" + text + "': " + e.getMessage(), e);
            }
        }
        return labels;
    }

    /** Reads the selected images of the memory bank. */
    public List<CifarImage> select(CifarReader reader) {
        return select(reader, criteria());
    }

    /** Reads the images of this split that pass {@code criteria}, which come from --memory-size and --classes. */
    public List<CifarImage> select(CifarReader reader, SampleCriteria criteria) {
        String options = "--memory-size " + (allImages ? "all" : memorySize)
                + (classes.isEmpty() ? "" : " with --classes " + String.join(",", classes));
        return select(reader, criteria, options);
    }

    /**
     * Reads the images of this split that pass {@code criteria}.
     *
     * @param options the options behind the criteria, for example "--memory-size 2000 with --classes cat"
     * @throws InvalidSettingException naming {@code options} when fewer images match than requested
     */
    public List<CifarImage> select(CifarReader reader, SampleCriteria criteria, String options) {
        try (CifarImageIterator images = reader.iterator(CifarSelection.all(split))) {
            return ImageSampler.sample(images, criteria);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("Invalid " + options + " in the " + split.id() + " split: "
                    + e.getMessage(), e);
        }
    }

    /** Describes the selection for a log line, for example "the first 1000 test images of classes cat,dog". */
    public String describe() {
        String count;
        if (allImages) {
            count = "all";
        } else if (order == SampleOrder.FIRST) {
            count = "the first " + memorySize;
        } else {
            count = memorySize + " random (seed " + seed + ")";
        }
        String classFilter = classes.isEmpty() ? "" : " of classes " + String.join(",", classes);
        return count + " " + split.id() + " images" + classFilter;
    }
}
