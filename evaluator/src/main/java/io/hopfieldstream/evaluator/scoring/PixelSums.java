package io.hopfieldstream.evaluator.scoring;

/**
 * Exact integer sums over two pixel vectors, read as unsigned bytes.
 *
 * <p>With values up to 255, the products of the centred forms ({@code n * sum(xy) - sum(x) * sum(y)}) stay
 * below 2^63 for images of up to about 2 * 10^6 pixels, far above the 3072 of a CIFAR-10 image.
 */
record PixelSums(
        long length,
        long sumFirst,
        long sumSecond,
        long sumOfSquaresFirst,
        long sumOfSquaresSecond,
        long sumOfProducts,
        long sumOfSquaredDifferences) {

    /** Maximum image length whose centred sums cannot overflow a long. */
    static final int MAX_LENGTH = 2_000_000;

    static PixelSums of(byte[] first, byte[] second) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("Images differ in length: " + first.length + " and "
                    + second.length + " pixel values");
        }
        if (first.length == 0 || first.length > MAX_LENGTH) {
            throw new IllegalArgumentException("Invalid image length " + first.length
                    + ": expected 1.." + MAX_LENGTH + " pixel values");
        }

        long sumFirst = 0;
        long sumSecond = 0;
        long squaresFirst = 0;
        long squaresSecond = 0;
        long products = 0;
        long squaredDifferences = 0;
        for (int i = 0; i < first.length; i++) {
            int x = first[i] & 0xFF;
            int y = second[i] & 0xFF;
            sumFirst += x;
            sumSecond += y;
            squaresFirst += x * x;
            squaresSecond += y * y;
            products += x * y;
            squaredDifferences += (x - y) * (x - y);
        }
        return new PixelSums(first.length, sumFirst, sumSecond, squaresFirst, squaresSecond, products,
                squaredDifferences);
    }
}
