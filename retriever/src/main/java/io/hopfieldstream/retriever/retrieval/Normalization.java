package io.hopfieldstream.retriever.retrieval;

/**
 * How stored patterns and probes are prepared after scaling pixels to 0..1.
 */
public enum Normalization {
    /** Pixels / 255 only. */
    NONE(false, false),
    /** Subtract each vector's own mean. */
    CENTER(true, false),
    /** Scale each vector to unit Euclidean length. */
    UNIT(false, true),
    /** Subtract the mean, then scale to unit length (the default). */
    CENTER_UNIT(true, true);

    private final boolean centers;
    private final boolean scalesToUnitLength;

    Normalization(boolean centers, boolean scalesToUnitLength) {
        this.centers = centers;
        this.scalesToUnitLength = scalesToUnitLength;
    }

    /**
     * Normalises one vector in place, summing in double precision. A vector of zero length (an image of
     * one flat colour after centring, or all black) stays the zero vector instead of becoming NaN.
     */
    public void applyInPlace(float[] vector) {
        if (centers) {
            float mean = (float) (sum(vector, false) / vector.length);
            for (int i = 0; i < vector.length; i++) {
                vector[i] -= mean;
            }
        }

        if (scalesToUnitLength) {
            double squares = sum(vector, true);
            if (squares > 0) {
                float inverseLength = (float) (1.0 / Math.sqrt(squares));
                for (int i = 0; i < vector.length; i++) {
                    vector[i] *= inverseLength;
                }
            }
        }
    }

    /** Sums the values, or their squares, in double precision with four running sums. */
    private static double sum(float[] vector, boolean squared) {
        double first = 0;
        double second = 0;
        double third = 0;
        double fourth = 0;
        int i = 0;
        for (; i + 3 < vector.length; i += 4) {
            double a = vector[i];
            double b = vector[i + 1];
            double c = vector[i + 2];
            double d = vector[i + 3];
            first += squared ? a * a : a;
            second += squared ? b * b : b;
            third += squared ? c * c : c;
            fourth += squared ? d * d : d;
        }
        for (; i < vector.length; i++) {
            double value = vector[i];
            first += squared ? value * value : value;
        }
        return (first + second) + (third + fourth);
    }
}
