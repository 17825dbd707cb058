package io.hopfieldstream.producer.dataset;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which images of CIFAR-10 to read: a split, some of its batches and a range of split indices.
 *
 * <p>An image is read when its batch is listed and {@code fromIndex <= index < toIndex}, where the index
 * counts within the split (training batch 1 contains indices 0..9999, batch 2 contains 10000..19999, and so on).
 * Images come in index order.
 *
 * @param split     train or test
 * @param batches   batch numbers to read, 1-based, ascending without repeats
 * @param fromIndex first split index to read, inclusive
 * @param toIndex   split index to stop before, exclusive
 */
public record CifarSelection(CifarSplit split, List<Integer> batches, int fromIndex, int toIndex) {

    /**
     * Validates and normalizes the selection: the batches are sorted and deduplicated.
     *
     * @throws IllegalArgumentException when a batch or the index range is out of bounds
     */
    public CifarSelection {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(batches, "batches");
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("Invalid CIFAR-10 selection: no batch listed");
        }
        for (int batch : batches) {
            split.batchFileName(batch);
        }
        batches = List.copyOf(new TreeSet<>(batches));
        if (fromIndex < 0 || toIndex > split.size() || fromIndex > toIndex) {
            throw new IllegalArgumentException("Invalid index range " + fromIndex + ".." + toIndex + " for the "
                    + split.id() + " split: expected 0 <= from <= to <= " + split.size());
        }
    }

    /** Selects every image of a split. */
    public static CifarSelection all(CifarSplit split) {
        return new CifarSelection(split, split.allBatches(), 0, split.size());
    }

    /** Selects the images of a split with {@code fromIndex <= index < toIndex}. */
    public static CifarSelection range(CifarSplit split, int fromIndex, int toIndex) {
        return new CifarSelection(split, split.allBatches(), fromIndex, toIndex);
    }

    /** Returns a copy that reads only the given batches (1-based). */
    public CifarSelection withBatches(List<Integer> selectedBatches) {
        return new CifarSelection(split, selectedBatches, fromIndex, toIndex);
    }

    /** Returns the batches that hold at least one selected image, ascending. */
    public List<Integer> batchesToRead() {
        return batches.stream()
                .filter(batch -> {
                    int first = split.firstIndexOfBatch(batch);
                    return first < toIndex && first + CifarSplit.IMAGES_PER_BATCH > fromIndex;
                })
                .toList();
    }

    /** Returns the number of images this selection yields. */
    public int size() {
        int count = 0;
        for (int batch : batchesToRead()) {
            int first = split.firstIndexOfBatch(batch);
            count += Math.min(toIndex, first + CifarSplit.IMAGES_PER_BATCH) - Math.max(fromIndex, first);
        }
        return count;
    }
}
