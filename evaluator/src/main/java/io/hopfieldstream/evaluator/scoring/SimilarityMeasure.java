package io.hopfieldstream.evaluator.scoring;

import java.util.Locale;

/**
 * Similarity of a reconstruction to its stored original, both vectors of unsigned pixel values 0..255.
 *
 * <p>{@link #PEARSON} is the cosine of the mean-centred vectors (the Pearson correlation), so a uniform change
 * of brightness does not change it. {@link #COSINE} is the plain cosine of the raw vectors. Both return a value
 * in -1..1 and are computed with exact integer sums, then one floating-point division.
 *
 * <p>Degenerate images get a defined value instead of NaN. For Pearson, an image whose pixels all have one value
 * (a constant image) has no variance: two constant images score 1 when they are equal and 0 when they differ,
 * and a constant image against a non-constant one scores 0. For cosine, the all-zero image plays that role: two
 * all-zero images score 1, and an all-zero image against any other scores 0.
 */
public enum SimilarityMeasure {

    /** Pearson correlation: the cosine of the mean-centred pixel vectors. */
    PEARSON("pearson"),

    /** Plain cosine of the raw pixel vectors. */
    COSINE("cosine");

    private final String id;

    SimilarityMeasure(String id) {
        this.id = id;
    }

    /** Returns the lower-case name used in settings and in {@code WindowMetrics.similarity}. */
    public String id() {
        return id;
    }

    /**
     * Parses a measure from its name, case-insensitive.
     *
     * @throws IllegalArgumentException naming the allowed values when the name is unknown
     */
    public static SimilarityMeasure fromId(String name) {
        String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (SimilarityMeasure measure : values()) {
            if (measure.id.equals(normalized)) {
                return measure;
            }
        }
        throw new IllegalArgumentException(
                "Invalid similarity measure '" + name + "': expected 'pearson' or 'cosine'");
    }

    /**
     * Computes the similarity of two images of equal length.
     *
     * @param first pixel values, read as unsigned bytes
     * @param second pixel values, read as unsigned bytes
     * @return the similarity in -1..1, never NaN
     * @throws IllegalArgumentException when the lengths differ or the images are empty
     */
    public double similarity(byte[] first, byte[] second) {
        return similarity(PixelSums.of(first, second), first, second);
    }

    /** Computes the similarity from sums already taken over the two images. */
    double similarity(PixelSums sums, byte[] first, byte[] second) {
        return switch (this) {
            case PEARSON -> pearson(sums, first, second);
            case COSINE -> cosine(sums, first, second);
        };
    }

    private static double pearson(PixelSums sums, byte[] first, byte[] second) {
        long n = sums.length();
        long covariance = n * sums.sumOfProducts() - sums.sumFirst() * sums.sumSecond();
        long varianceFirst = n * sums.sumOfSquaresFirst() - sums.sumFirst() * sums.sumFirst();
        long varianceSecond = n * sums.sumOfSquaresSecond() - sums.sumSecond() * sums.sumSecond();

        if (varianceFirst == 0 || varianceSecond == 0) {
            boolean bothConstant = varianceFirst == 0 && varianceSecond == 0;
            return bothConstant && java.util.Arrays.equals(first, second) ? 1.0 : 0.0;
        }
        // sqrt(x * x) returns x exactly in IEEE arithmetic, so identical images score exactly 1.
        return clamp(covariance / Math.sqrt((double) varianceFirst * (double) varianceSecond));
    }

    private static double cosine(PixelSums sums, byte[] first, byte[] second) {
        if (sums.sumOfSquaresFirst() == 0 || sums.sumOfSquaresSecond() == 0) {
            boolean bothZero = sums.sumOfSquaresFirst() == 0 && sums.sumOfSquaresSecond() == 0;
            return bothZero ? 1.0 : 0.0;
        }
        double norms = Math.sqrt((double) sums.sumOfSquaresFirst() * (double) sums.sumOfSquaresSecond());
        return clamp(sums.sumOfProducts() / norms);
    }

    /** Removes any rounding overshoot beyond -1..1. */
    private static double clamp(double value) {
        return Math.max(-1.0, Math.min(1.0, value));
    }
}
