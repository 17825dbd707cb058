package io.hopfieldstream.launcher.experiment.run;

/**
 * The part of one reconstruction that a sweep keeps: enough to compare runs probe by probe without keeping the pixels.
 *
 * @param probeId the probe
 * @param retrievedPatternId the pattern with the largest attention weight, or null
 * @param retrievedWeight its attention weight
 * @param attentionSpread patterns holding 90% of the attention
 * @param probeCreatedAtMs creation time copied from the probe
 * @param corruptionSeed corruption seed copied from the probe
 * @param pixelsHash the first 8 bytes of the SHA-256 of the reconstructed pixels
 */
public record ReconstructionSummary(String probeId, String retrievedPatternId, double retrievedWeight,
        int attentionSpread, long probeCreatedAtMs, long corruptionSeed, long pixelsHash) {
}
