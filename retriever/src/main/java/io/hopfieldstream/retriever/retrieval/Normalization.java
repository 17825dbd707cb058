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
            float mean = (float) (FloatSums.sum(vector, vector.length) / vector.length);
            for (int i = 0; i < vector.length; i++) {
                vector[i] -= mean;
            }
        }

        if (scalesToUnitLength) {
            double squares = FloatSums.sumOfSquares(vector, vector.length);
            if (squares > 0) {
                float inverseLength = (float) (1.0 / Math.sqrt(squares));
                for (int i = 0; i < vector.length; i++) {
                    vector[i] *= inverseLength;
                }
            }
        }
    }
}
