package io.hopfieldstream.retriever.retrieval;

/**
 * Settings of the Modern Hopfield update {@code xi_new = X^T softmax(beta * X xi)}.
 *
 * <p>One step computes the attention weights {@code softmax(beta * X xi)} over the N stored patterns
 * and the next state {@code xi_new}. A result is converged when a step after the first changed no
 * attention weight by more than {@code tolerance}; the first step has no earlier weights to compare
 * with, so with {@code maxIterations = 1} a plain probe is never reported as converged.
 *
 * @param beta inverse temperature of the softmax, a finite number in (0, {@value #MAX_BETA}]
 * @param maxIterations most update steps per probe, >= 1
 * @param tolerance stop when the largest absolute change of any attention weight between two steps is at most this,
 *     a finite number >= 0
 * @param normalization preparation of patterns and probes
 * @param maskAware when a probe carries a known-pixel mask, score only its known pixels
 * @param chunkSize most stored patterns per chunk of the streaming softmax, >= 1 (the memory is split into
 *     chunks of nearly equal length); the working memory of a batch of B probes grows with B x chunkSize, not
 *     with B x N
 */
public record RetrievalSettings(
        double beta,
        int maxIterations,
        double tolerance,
        Normalization normalization,
        boolean maskAware,
        int chunkSize) {

    public static final double DEFAULT_BETA = 32.0;
    public static final int DEFAULT_MAX_ITERATIONS = 1;
    public static final double DEFAULT_TOLERANCE = 1e-4;
    public static final int DEFAULT_CHUNK_SIZE = 16384;

    /**
     * Largest accepted beta. At beta = 1e4 the attention already puts all weight on the best pattern in
     * float32; the cap keeps {@code beta * score} finite in float32 for un-normalised 3072-pixel vectors.
     */
    public static final double MAX_BETA = 1e6;

    public static RetrievalSettings defaults() {
        return new RetrievalSettings(DEFAULT_BETA, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE,
                Normalization.CENTER_UNIT, true, DEFAULT_CHUNK_SIZE);
    }

    /**
     * Checks every setting against its allowed range.
     *
     * @return these settings, for chaining
     * @throws IllegalArgumentException naming the first setting out of range, its value and the allowed range
     */
    public RetrievalSettings validate() {
        if (!(beta > 0 && beta <= MAX_BETA)) {
            throw invalid("beta", beta, "a finite number greater than 0 and at most " + MAX_BETA);
        }
        if (maxIterations < 1) {
            throw invalid("maxIterations", maxIterations, "an integer of at least 1");
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw invalid("tolerance", tolerance, "a finite number of at least 0");
        }
        if (normalization == null) {
            throw invalid("normalization", null, "one of NONE, CENTER, UNIT, CENTER_UNIT");
        }
        if (chunkSize < 1) {
            throw invalid("chunkSize", chunkSize, "an integer of at least 1");
        }
        return this;
    }

    public RetrievalSettings withBeta(double value) {
        return new RetrievalSettings(value, maxIterations, tolerance, normalization, maskAware, chunkSize);
    }

    public RetrievalSettings withMaxIterations(int value) {
        return new RetrievalSettings(beta, value, tolerance, normalization, maskAware, chunkSize);
    }

    public RetrievalSettings withTolerance(double value) {
        return new RetrievalSettings(beta, maxIterations, value, normalization, maskAware, chunkSize);
    }

    public RetrievalSettings withNormalization(Normalization value) {
        return new RetrievalSettings(beta, maxIterations, tolerance, value, maskAware, chunkSize);
    }

    public RetrievalSettings withMaskAware(boolean value) {
        return new RetrievalSettings(beta, maxIterations, tolerance, normalization, value, chunkSize);
    }

    public RetrievalSettings withChunkSize(int value) {
        return new RetrievalSettings(beta, maxIterations, tolerance, normalization, maskAware, value);
    }

    private static IllegalArgumentException invalid(String setting, Object value, String allowed) {
        return new IllegalArgumentException("Invalid retrieval setting " + setting + " = " + value
                + ": must be " + allowed);
    }
}
