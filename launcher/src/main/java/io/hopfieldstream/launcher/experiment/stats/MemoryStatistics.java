package io.hopfieldstream.launcher.experiment.stats;

/**
 * The likeness of the stored images of one memory.
 *
 * <p>On the patterns as retrieval prepares them by default (pixel / 255, mean removed, unit length),
 * the dot product of two patterns is the Pearson correlation of the two images, and the separation
 * of pattern i is {@code Delta_i = x_i . x_i - max_{j != i} x_i . x_j} (Ramsauer et al., "Hopfield
 * Networks is All You Need", 2020): 1 minus its largest correlation with another stored image, or
 * 0 for a flat image, which normalises to the zero vector.
 *
 * <p>When {@link #exact()} is false the numbers come from {@link #rowsUsed()} patterns chosen at
 * random, each against all N: the mean correlation is then an estimate, the maximum correlation is the
 * largest over those pairs (at most the memory's), and the smallest separation is the smallest of the
 * chosen patterns (at least the memory's).
 *
 * @param size number of stored images N
 * @param rowsUsed number of patterns whose correlations with all others were computed
 * @param exact whether every pattern was used
 * @param meanCorrelation mean Pearson correlation over the pairs of distinct images computed; NaN when N < 2
 * @param maxCorrelation largest Pearson correlation of two distinct images computed; NaN when N < 2
 * @param minSeparation smallest separation Delta_i of the patterns used; NaN when N < 2
 * @param meanSeparation mean separation Delta_i of the patterns used; NaN when N < 2
 */
public record MemoryStatistics(
        int size,
        int rowsUsed,
        boolean exact,
        double meanCorrelation,
        double maxCorrelation,
        double minSeparation,
        double meanSeparation) {

    /** Returns the number of ordered pairs of distinct patterns computed, rowsUsed x (N - 1). */
    public long pairsUsed() {
        return (long) rowsUsed * Math.max(0, size - 1);
    }

    /** Describes how the numbers were computed, for example "exact" or "2,000 of 50,000 patterns sampled". */
    public String method() {
        return exact ? "exact" : String.format(java.util.Locale.ROOT, "%,d of %,d patterns sampled", rowsUsed, size);
    }
}
