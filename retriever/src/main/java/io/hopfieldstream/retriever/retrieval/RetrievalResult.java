package io.hopfieldstream.retriever.retrieval;

/**
 * The outcome of retrieval for one probe.
 *
 * @param retrievedIndex row of the stored pattern with the largest attention weight, -1 for an empty memory
 * @param retrievedWeight that attention weight, 0..1
 * @param attentionSpread smallest number of stored patterns whose weights sum to at least 0.9
 * @param iterations update steps run
 * @param converged whether a step after the first changed no attention weight by more than the tolerance. Always
 *     false after a single step of a plain probe, which has no earlier weights to compare with. True for a
 *     mask-aware probe when the settings allow two or more iterations: its scores depend only on its known pixels,
 *     which a further step keeps, so its weights after one step are already a fixed point.
 * @param reconstruction attention-weighted sum of the raw stored images, rounded to 0..255, 3072 values
 */
public record RetrievalResult(
        int retrievedIndex,
        double retrievedWeight,
        int attentionSpread,
        int iterations,
        boolean converged,
        byte[] reconstruction) {
}
