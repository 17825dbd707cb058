package io.hopfieldstream.retriever.retrieval;

/**
 * Settings of the Modern Hopfield update {@code xi_new = X^T softmax(beta * X xi)}.
 *
 * @param beta inverse temperature of the softmax, > 0
 * @param maxIterations most update steps per probe, >= 1
 * @param tolerance stop when the largest absolute change of any attention weight between two steps is at most this, >= 0
 * @param normalization preparation of patterns and probes
 * @param maskAware when a probe carries a known-pixel mask, score only its known pixels
 * @param chunkSize stored patterns per chunk of the streaming softmax, >= 1
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
    public static final int DEFAULT_CHUNK_SIZE = 8192;

    public static RetrievalSettings defaults() {
        return new RetrievalSettings(DEFAULT_BETA, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE,
                Normalization.CENTER_UNIT, true, DEFAULT_CHUNK_SIZE);
    }
}
