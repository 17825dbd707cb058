package io.hopfieldstream.evaluator.scoring;

/**
 * Scores of one reconstruction against its stored original.
 *
 * @param similarity similarity to the original in -1..1, by the measure of the {@link Scorer}
 * @param correct whether the similarity reached the threshold
 * @param exactMatch whether the retrieved patternId equals the truth patternId
 * @param psnrDb peak signal-to-noise ratio against the original, decibels in 0..{@link Psnr#MAX_DB}
 */
public record ReconstructionScore(double similarity, boolean correct, boolean exactMatch, double psnrDb) {
}
