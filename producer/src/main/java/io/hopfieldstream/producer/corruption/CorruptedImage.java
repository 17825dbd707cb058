package io.hopfieldstream.producer.corruption;

import java.util.Optional;

/**
 * The result of corrupting one image.
 *
 * @param pixels    3072 values, 0..255, planar order; hidden values hold {@link CorruptionCanvas#FILL_VALUE}
 * @param knownMask null when no mask step ran, else 3072 bytes in the same order, 1 for a known value and
 *                  0 for a hidden one (the layout of {@code Probe.knownMask})
 */
public record CorruptedImage(byte[] pixels, byte[] knownMask) {

    /** Returns the known-value mask, if a mask step ran. */
    public Optional<byte[]> mask() {
        return Optional.ofNullable(knownMask);
    }

    /** Returns the number of values (over all channels) that remain known. */
    public int knownValueCount() {
        if (knownMask == null) {
            return pixels.length;
        }
        int count = 0;
        for (byte flag : knownMask) {
            count += flag;
        }
        return count;
    }
}
