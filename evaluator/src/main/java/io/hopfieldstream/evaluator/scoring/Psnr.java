package io.hopfieldstream.evaluator.scoring;

/**
 * Peak signal-to-noise ratio of a reconstruction against its original, in decibels:
 * {@code PSNR = 10 * log10(255^2 / MSE)} with {@code MSE} the mean squared difference of the pixel values.
 *
 * <p>Identical images have no noise (MSE 0, an infinite PSNR), so the result is capped at {@link #MAX_DB}.
 * The cap keeps window means finite. The smallest non-zero MSE for a 3072-pixel image, one pixel off by one
 * level, gives about 83.0 dB, so the cap separates exact copies from every other image.
 */
public final class Psnr {

    /** PSNR reported for identical images, and the upper bound of every result, in decibels. */
    public static final double MAX_DB = 100.0;

    /** Peak pixel value of 8-bit images. */
    public static final double PEAK = 255.0;

    private Psnr() {
    }

    /**
     * Computes the PSNR of two images of equal length.
     *
     * @param original pixel values, read as unsigned bytes
     * @param reconstruction pixel values, read as unsigned bytes
     * @return decibels in 0..{@link #MAX_DB}
     * @throws IllegalArgumentException when the lengths differ or the images are empty
     */
    public static double decibels(byte[] original, byte[] reconstruction) {
        PixelSums sums = PixelSums.of(original, reconstruction);
        return fromSums(sums);
    }

    static double fromSums(PixelSums sums) {
        if (sums.sumOfSquaredDifferences() == 0) {
            return MAX_DB;
        }
        double meanSquaredError = (double) sums.sumOfSquaredDifferences() / sums.length();
        double decibels = 10.0 * Math.log10(PEAK * PEAK / meanSquaredError);
        return Math.min(MAX_DB, decibels);
    }
}
