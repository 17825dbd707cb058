package io.hopfieldstream.retriever.retrieval;

/**
 * Sums of float values in double precision, with four running sums so that the additions do not
 * wait on each other.
 */
final class FloatSums {

    private FloatSums() {
    }

    /** Returns the sum of {@code values[0 .. count)}. */
    static double sum(float[] values, int count) {
        double first = 0;
        double second = 0;
        double third = 0;
        double fourth = 0;
        int i = 0;
        for (; i + 3 < count; i += 4) {
            first += values[i];
            second += values[i + 1];
            third += values[i + 2];
            fourth += values[i + 3];
        }
        for (; i < count; i++) {
            first += values[i];
        }
        return (first + second) + (third + fourth);
    }

    /** Returns the sum of the squares of {@code values[0 .. count)}. */
    static double sumOfSquares(float[] values, int count) {
        double first = 0;
        double second = 0;
        double third = 0;
        double fourth = 0;
        int i = 0;
        for (; i + 3 < count; i += 4) {
            first += (double) values[i] * values[i];
            second += (double) values[i + 1] * values[i + 1];
            third += (double) values[i + 2] * values[i + 2];
            fourth += (double) values[i + 3] * values[i + 3];
        }
        for (; i < count; i++) {
            first += (double) values[i] * values[i];
        }
        return (first + second) + (third + fourth);
    }
}
