package io.hopfieldstream.producer.corruption;

/**
 * The height and width of a rectangle that covers a given share of the 32 x 32 image.
 *
 * <p>Among rectangles no more than twice as wide as tall, the one whose area is nearest to
 * {@code round(fraction * 1024)} pixels is taken, and among those the most nearly square. So 0.25 gives
 * 16 x 16 and 0.5 gives 16 rows x 32 columns, both exact. A rectangle has to fit the 32 x 32 grid, so some
 * fractions above 0.75 miss their area by up to 16 pixels (1.6% of the image). Up to 0.75 the miss is at most
 * 4 pixels. The mask records the pixels actually hidden.
 *
 * @param height rows, 0..32
 * @param width  columns, 0..32
 */
record RectangleShape(int height, int width) {

    /** Returns the rectangle for an area fraction within 0..1. */
    static RectangleShape forAreaFraction(double fraction) {
        int side = CorruptionCanvas.SIDE;
        int target = (int) Math.round(fraction * side * side);
        if (target == 0) {
            return new RectangleShape(0, 0);
        }

        RectangleShape best = null;
        for (int height = 1; height <= side; height++) {
            for (int width = height; width <= Math.min(side, 2 * height); width++) {
                RectangleShape candidate = new RectangleShape(height, width);
                if (best == null || candidate.isBetterThan(best, target)) {
                    best = candidate;
                }
            }
        }
        return best;
    }

    /** Returns the covered pixels. */
    int area() {
        return height * width;
    }

    private boolean isBetterThan(RectangleShape other, int target) {
        int error = Math.abs(area() - target);
        int otherError = Math.abs(other.area() - target);
        if (error != otherError) {
            return error < otherError;
        }
        return width - height < other.width - other.height;
    }
}
