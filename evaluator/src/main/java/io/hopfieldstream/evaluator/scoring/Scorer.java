package io.hopfieldstream.evaluator.scoring;

import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.Topics;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Scores reconstructions against their stored originals.
 *
 * <p>A reconstruction is correct when its similarity to the original reaches the threshold, and an exact match
 * when the retrieved patternId equals the truth patternId. Its latency is {@code retrievedAtMs -
 * probeCreatedAtMs}, clamped at 0 because the producer's and the retriever's clocks may differ.
 */
public final class Scorer {

    /** Default similarity threshold of a correct reconstruction. */
    public static final double DEFAULT_THRESHOLD = 0.95;

    private final SimilarityMeasure measure;
    private final double threshold;

    /**
     * @param measure similarity measure
     * @param threshold similarity at or above which a reconstruction is correct, -1..1
     * @throws IllegalArgumentException when the threshold is outside -1..1 or NaN
     */
    public Scorer(SimilarityMeasure measure, double threshold) {
        this.measure = Objects.requireNonNull(measure, "measure");
        if (!(threshold >= -1.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("Invalid similarity threshold " + threshold + ": expected -1..1");
        }
        this.threshold = threshold;
    }

    public SimilarityMeasure measure() {
        return measure;
    }

    public double threshold() {
        return threshold;
    }

    /**
     * Scores a reconstruction against its stored original.
     *
     * @param reconstruction the retriever's output
     * @param original the stored pattern named by the reconstruction's truth patternId, or null when that id is
     *     null (the reconstruction is then counted as unscored)
     * @throws RejectedReconstructionException when the reconstruction does not have
     *     {@link Topics#PIXELS_PER_IMAGE} values, or when the truth patternId is set but the original is missing
     *     or has the wrong number of values
     */
    public ScoredReconstruction score(Reconstruction reconstruction, MemoryPattern original) {
        byte[] reconstructed = toArray(reconstruction.getPixels());
        if (reconstructed.length != Topics.PIXELS_PER_IMAGE) {
            throw new RejectedReconstructionException(RejectionReason.INVALID_PIXEL_COUNT,
                    "Reconstruction of probe '" + reconstruction.getProbeId() + "' has " + reconstructed.length
                            + " pixel values, expected " + Topics.PIXELS_PER_IMAGE);
        }

        String truthId = reconstruction.getTruthPatternId();
        ReconstructionScore score = null;
        if (truthId != null) {
            if (original == null) {
                throw new RejectedReconstructionException(RejectionReason.UNKNOWN_TRUTH_PATTERN,
                        "Truth pattern '" + truthId + "' of probe '" + reconstruction.getProbeId()
                                + "' was not found in the memory");
            }
            score = scoreAgainst(reconstruction, reconstructed, original);
        }

        return new ScoredReconstruction(
                reconstruction.getExperimentId(),
                reconstruction.getRunId(),
                reconstruction.getCorruption().getKind(),
                reconstruction.getCorruption().getLevel(),
                reconstruction.getProbeId(),
                reconstruction.getRetrievedAtMs(),
                latencyMs(reconstruction),
                reconstruction.getAttentionSpread(),
                score);
    }

    /** Returns {@code retrievedAtMs - probeCreatedAtMs} in milliseconds, or 0 when the clocks make it negative. */
    public static long latencyMs(Reconstruction reconstruction) {
        return Math.max(0L, reconstruction.getRetrievedAtMs() - reconstruction.getProbeCreatedAtMs());
    }

    private ReconstructionScore scoreAgainst(Reconstruction reconstruction, byte[] reconstructed,
            MemoryPattern original) {
        byte[] stored = toArray(original.getPixels());
        if (stored.length != Topics.PIXELS_PER_IMAGE) {
            throw new RejectedReconstructionException(RejectionReason.INVALID_STORED_PATTERN,
                    "Stored pattern '" + original.getPatternId() + "' has " + stored.length
                            + " pixel values, expected " + Topics.PIXELS_PER_IMAGE);
        }

        PixelSums sums = PixelSums.of(stored, reconstructed);
        double similarity = measure.similarity(sums, stored, reconstructed);
        boolean exactMatch = reconstruction.getTruthPatternId().equals(reconstruction.getRetrievedPatternId());
        double psnr = Psnr.fromSums(sums);
        return new ReconstructionScore(similarity, similarity >= threshold, exactMatch, psnr);
    }

    /** Copies the remaining bytes without moving the buffer's position, so the record stays readable. */
    private static byte[] toArray(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
