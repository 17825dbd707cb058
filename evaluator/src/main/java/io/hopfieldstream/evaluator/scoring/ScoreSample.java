package io.hopfieldstream.evaluator.scoring;

/**
 * The part of a scored reconstruction that a window keeps: its times and its score, without its group.
 *
 * @param retrievedAtMs time the retriever finished the probe, milliseconds since the Unix epoch
 * @param latencyMs time from probe creation to retrieval, milliseconds, at least 0
 * @param attentionSpread stored patterns needed to reach 0.9 of the attention weight
 * @param score scores against the original, or null for an unscored reconstruction
 */
public record ScoreSample(long retrievedAtMs, long latencyMs, int attentionSpread, ReconstructionScore score) {

    public boolean isScored() {
        return score != null;
    }
}
