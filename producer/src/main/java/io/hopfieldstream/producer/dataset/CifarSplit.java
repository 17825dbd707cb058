package io.hopfieldstream.producer.dataset;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A split of CIFAR-10 and the batch files that contain it in the binary version.
 *
 * <p>The training split is {@code data_batch_1.bin} to {@code data_batch_5.bin}, the test split is
 * {@code test_batch.bin}. Each batch contains {@value #IMAGES_PER_BATCH} images. An image's index within
 * its split counts from batch 1 onwards, so training image 10000 is the first image of batch 2.
 */
public enum CifarSplit {

    /** 50,000 training images in five batches. */
    TRAIN("train", 5),

    /** 10,000 test images in one batch. */
    TEST("test", 1);

    /** Images per batch file. */
    public static final int IMAGES_PER_BATCH = 10_000;

    private final String id;
    private final int batchCount;

    CifarSplit(String id, int batchCount) {
        this.id = id;
        this.batchCount = batchCount;
    }

    /** Returns the name used in pattern ids and in {@code MemoryPattern.split}: "train" or "test". */
    public String id() {
        return id;
    }

    /** Returns the number of batch files of this split. */
    public int batchCount() {
        return batchCount;
    }

    /** Returns the number of images of this split. */
    public int size() {
        return batchCount * IMAGES_PER_BATCH;
    }

    /** Returns all batch numbers of this split, 1-based. */
    public List<Integer> allBatches() {
        return IntStream.rangeClosed(1, batchCount).boxed().toList();
    }

    /**
     * Returns the file name of a batch.
     *
     * @param batch batch number, 1-based
     * @throws IllegalArgumentException when the split has no such batch
     */
    public String batchFileName(int batch) {
        checkBatch(batch);
        return this == TEST ? "test_batch.bin" : "data_batch_" + batch + ".bin";
    }

    /** Returns the split index of the first image of a batch (1-based batch number). */
    public int firstIndexOfBatch(int batch) {
        checkBatch(batch);
        return (batch - 1) * IMAGES_PER_BATCH;
    }

    /**
     * Parses "train" or "test", ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CifarSplit parse(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        for (CifarSplit split : values()) {
            if (split.id.equals(normalized)) {
                return split;
            }
        }
        throw new IllegalArgumentException("Invalid CIFAR-10 split '" + text + "': expected 'train' or 'test'");
    }

    private void checkBatch(int batch) {
        if (batch < 1 || batch > batchCount) {
            throw new IllegalArgumentException(
                    "Invalid batch " + batch + " for the " + id + " split: expected 1.." + batchCount);
        }
    }
}
