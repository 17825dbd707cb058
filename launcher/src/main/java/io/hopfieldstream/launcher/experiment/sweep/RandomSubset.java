package io.hopfieldstream.launcher.experiment.sweep;

import io.hopfieldstream.producer.corruption.ProbeRandom;
import java.util.Arrays;

/**
 * Seeded choices of distinct indices, drawn with {@link ProbeRandom} so that the same seed gives the
 * same choice on every JDK.
 */
public final class RandomSubset {

    private RandomSubset() {
    }

    /**
     * Draws {@code count} distinct indices below {@code size} by a partial Fisher-Yates shuffle, in the
     * order drawn.
     *
     * @throws IllegalArgumentException when count is negative or larger than size
     */
    public static int[] drawn(int size, int count, long seed) {
        if (count < 0 || count > size) {
            throw new IllegalArgumentException("Cannot draw " + count + " distinct indices below " + size);
        }
        int[] indices = new int[size];
        for (int i = 0; i < size; i++) {
            indices[i] = i;
        }
        ProbeRandom random = new ProbeRandom(seed);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(size - i);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        return Arrays.copyOf(indices, count);
    }

    /** Draws {@code count} distinct indices below {@code size} as {@link #drawn} does, in ascending order. */
    public static int[] ascending(int size, int count, long seed) {
        int[] chosen = drawn(size, count, seed);
        Arrays.sort(chosen);
        return chosen;
    }
}
