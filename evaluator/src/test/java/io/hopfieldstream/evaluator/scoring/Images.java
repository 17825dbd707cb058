package io.hopfieldstream.evaluator.scoring;

import java.util.Arrays;
import java.util.Random;

/** Test images of 3072 unsigned pixel values. */
final class Images {

    static final int PIXELS = 3072;

    private Images() {
    }

    static byte[] random(long seed) {
        byte[] pixels = new byte[PIXELS];
        new Random(seed).nextBytes(pixels);
        return pixels;
    }

    static byte[] constant(int value) {
        byte[] pixels = new byte[PIXELS];
        Arrays.fill(pixels, (byte) value);
        return pixels;
    }

    /** Returns {@code scale * x + offset} per pixel, clamped to 0..255. */
    static byte[] affine(byte[] pixels, double scale, int offset) {
        byte[] result = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            long value = Math.round(scale * (pixels[i] & 0xFF) + offset);
            result[i] = (byte) Math.max(0, Math.min(255, value));
        }
        return result;
    }

    /** Pearson correlation by the two-pass textbook formula in doubles. */
    static double pearson(byte[] first, byte[] second) {
        double meanFirst = mean(first);
        double meanSecond = mean(second);
        double covariance = 0;
        double varianceFirst = 0;
        double varianceSecond = 0;
        for (int i = 0; i < first.length; i++) {
            double x = (first[i] & 0xFF) - meanFirst;
            double y = (second[i] & 0xFF) - meanSecond;
            covariance += x * y;
            varianceFirst += x * x;
            varianceSecond += y * y;
        }
        return covariance / Math.sqrt(varianceFirst * varianceSecond);
    }

    static double cosine(byte[] first, byte[] second) {
        double dot = 0;
        double normFirst = 0;
        double normSecond = 0;
        for (int i = 0; i < first.length; i++) {
            double x = first[i] & 0xFF;
            double y = second[i] & 0xFF;
            dot += x * y;
            normFirst += x * x;
            normSecond += y * y;
        }
        return dot / Math.sqrt(normFirst * normSecond);
    }

    static double psnr(byte[] first, byte[] second) {
        double squaredError = 0;
        for (int i = 0; i < first.length; i++) {
            double difference = (first[i] & 0xFF) - (second[i] & 0xFF);
            squaredError += difference * difference;
        }
        return 10 * Math.log10(255.0 * 255.0 / (squaredError / first.length));
    }

    private static double mean(byte[] pixels) {
        double sum = 0;
        for (byte pixel : pixels) {
            sum += pixel & 0xFF;
        }
        return sum / pixels.length;
    }
}
