package io.hopfieldstream.producer.dataset;

import java.util.Arrays;
import java.util.Objects;

/**
 * One CIFAR-10 image: its split, its index within the split, its class label and its pixels.
 *
 * <p>{@code pixels} contains {@value #PIXEL_COUNT} unsigned bytes in the binary version's planar order: 1024 red
 * values, then 1024 green, then 1024 blue, each plane 32 rows of 32 pixels, row-major. The array is not
 * copied, so callers must not change it after handing it over.
 *
 * @param split  the split the image comes from
 * @param index  index within the split, 0-based (training batch 1 first)
 * @param label  class label, 0..9
 * @param pixels 3072 pixel values, planar R, G, B
 */
public record CifarImage(CifarSplit split, int index, int label, byte[] pixels) {

    /** Image side in pixels. */
    public static final int SIDE = 32;

    /** Pixels per colour plane. */
    public static final int PLANE_SIZE = SIDE * SIDE;

    /** Colour planes (red, green, blue). */
    public static final int CHANNELS = 3;

    /** Pixel values per image. */
    public static final int PIXEL_COUNT = CHANNELS * PLANE_SIZE;

    /** Number of classes; labels are 0..CLASS_COUNT-1. */
    public static final int CLASS_COUNT = 10;

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException when the index, label or pixel count is out of range
     */
    public CifarImage {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(pixels, "pixels");
        if (index < 0 || index >= split.size()) {
            throw new IllegalArgumentException(
                    "Invalid image index " + index + " for the " + split.id() + " split: expected 0.." + (split.size() - 1));
        }
        if (label < 0 || label >= CLASS_COUNT) {
            throw new IllegalArgumentException("Invalid label " + label + ": expected 0.." + (CLASS_COUNT - 1));
        }
        if (pixels.length != PIXEL_COUNT) {
            throw new IllegalArgumentException(
                    "Invalid pixel count " + pixels.length + ": expected " + PIXEL_COUNT);
        }
    }

    /** Returns the stable identifier of this image, for example "test-00042" or "train-49999". */
    public String patternId() {
        return patternId(split, index);
    }

    /** Returns the identifier of the image at {@code index} in {@code split}, for example "test-00042". */
    public static String patternId(CifarSplit split, int index) {
        return String.format("%s-%05d", split.id(), index);
    }

    /**
     * Returns one pixel value, 0..255.
     *
     * @param channel 0 red, 1 green, 2 blue
     * @param row     0..31 from the top
     * @param column  0..31 from the left
     */
    public int pixel(int channel, int row, int column) {
        return pixels[channel * PLANE_SIZE + row * SIDE + column] & 0xFF;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CifarImage image
                && split == image.split
                && index == image.index
                && label == image.label
                && Arrays.equals(pixels, image.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(split, index, label) * 31 + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "CifarImage[" + patternId() + ", label=" + label + "]";
    }
}
