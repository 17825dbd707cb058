package io.hopfieldstream.evaluator.scoring;

/**
 * One reconstruction reduced to what the windows aggregate: its group, its times and its score.
 *
 * @param experimentId experiment of the probe
 * @param runId retrieval run
 * @param corruptionKind corruption kind of the probe, as in {@code Corruption.kind}
 * @param corruptionLevel corruption level of the probe, as in {@code Corruption.level}
 * @param probeId probe this reconstruction was retrieved for
 * @param retrievedAtMs time the retriever finished the probe, milliseconds since the Unix epoch
 * @param latencyMs time from probe creation to retrieval, milliseconds, at least 0
 * @param attentionSpread stored patterns needed to reach 0.9 of the attention weight
 * @param score scores against the original, or null when the probe has no known truth (unscored)
 */
public record ScoredReconstruction(
        String experimentId,
        String runId,
        String corruptionKind,
        double corruptionLevel,
        String probeId,
        long retrievedAtMs,
        long latencyMs,
        int attentionSpread,
        ReconstructionScore score) {

    /** Returns whether the reconstruction had a known truth and was scored. */
    public boolean isScored() {
        return score != null;
    }

    /** Returns the times and the score, as a window keeps them. */
    public ScoreSample sample() {
        return new ScoreSample(retrievedAtMs, latencyMs, attentionSpread, score);
    }
}
