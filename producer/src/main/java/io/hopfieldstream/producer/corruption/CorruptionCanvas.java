package io.hopfieldstream.producer.corruption;

import java.util.Arrays;

/**
 * A copy of an image that corruptions change in place, with the spatial mask of pixels that remain known.
 *
 * <p>Masks are spatial: hiding a pixel sets its red, green and blue values to {@value #FILL_VALUE}. Noise
 * changes only known pixels, so hidden values keep the fill value whatever the order of the steps.
 */
public final class CorruptionCanvas {

    /** Value written into hidden pixels. */
    public static final int FILL_VALUE = 0;

    /** Image side in pixels. */
    public static final int SIDE = 32;

    /** Pixels per colour plane. */
    public static final int PLANE_SIZE = SIDE * SIDE;

    /** Colour planes. */
    public static final int CHANNELS = 3;

    private final byte[] values;
    private final boolean[] known = new boolean[PLANE_SIZE];
    private int knownCount = PLANE_SIZE;
    private boolean masked;

    /** Copies 3072 pixel values in planar order. */
    CorruptionCanvas(byte[] pixels) {
        if (pixels.length != CHANNELS * PLANE_SIZE) {
            throw new IllegalArgumentException(
                    "Invalid pixel count " + pixels.length + ": expected " + CHANNELS * PLANE_SIZE);
        }
        this.values = pixels.clone();
        Arrays.fill(known, true);
    }

    /** Returns whether a pixel (0..1023, row-major) is still known. */
    boolean isKnown(int pixel) {
        return known[pixel];
    }

    /** Returns whether every pixel is still known, so steps can skip the per-pixel check. */
    boolean isFullyKnown() {
        return knownCount == PLANE_SIZE;
    }

    /** Returns the number of pixels still known. */
    int knownCount() {
        return knownCount;
    }

    /** Returns the indices (0..1023) of the pixels still known, ascending. */
    int[] knownPixels() {
        int[] pixels = new int[knownCount];
        int next = 0;
        for (int pixel = 0; pixel < PLANE_SIZE; pixel++) {
            if (known[pixel]) {
                pixels[next++] = pixel;
            }
        }
        return pixels;
    }

    /** Returns a value, 0..255. */
    int value(int channel, int pixel) {
        return values[channel * PLANE_SIZE + pixel] & 0xFF;
    }

    /** Sets a value, clipping it to 0..255. */
    void setValue(int channel, int pixel, long value) {
        values[channel * PLANE_SIZE + pixel] = (byte) Math.max(0, Math.min(255, value));
    }

    /** Returns the pixel values in planar order, for steps that change every value in one pass. */
    byte[] values() {
        return values;
    }

    /** Marks that a mask step ran, so the result carries a mask even when that step hid nothing. */
    void markMasked() {
        masked = true;
    }

    /** Hides a pixel in all channels: its values become the fill value. */
    void hide(int pixel) {
        masked = true;
        if (!known[pixel]) {
            return;
        }
        known[pixel] = false;
        knownCount--;
        for (int channel = 0; channel < CHANNELS; channel++) {
            values[channel * PLANE_SIZE + pixel] = FILL_VALUE;
        }
    }

    /** Hides a rectangle of pixels given by its top-left corner and size. */
    void hideRectangle(int top, int left, int height, int width) {
        markMasked();
        for (int row = top; row < top + height; row++) {
            for (int column = left; column < left + width; column++) {
                hide(row * SIDE + column);
            }
        }
    }

    /** Returns the corrupted pixels and, when a mask step ran, the known-value mask. */
    CorruptedImage toImage() {
        if (!masked) {
            return new CorruptedImage(values.clone(), null);
        }
        byte[] mask = new byte[CHANNELS * PLANE_SIZE];
        for (int channel = 0; channel < CHANNELS; channel++) {
            for (int pixel = 0; pixel < PLANE_SIZE; pixel++) {
                mask[channel * PLANE_SIZE + pixel] = (byte) (known[pixel] ? 1 : 0);
            }
        }
        return new CorruptedImage(values.clone(), mask);
    }
}
