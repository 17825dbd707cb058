package io.hopfieldstream.retriever.retrieval;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Probes scored by mask-aware retrieval, as the matrix products of {@link MaskedPearsonScores} need
 * them: m rows, each with its values zeroed at unknown pixels, two per-row constants of its known
 * pixels, and the index of its mask among the batch's distinct masks.
 *
 * @param values m x d, the probe values at known pixels and 0 elsewhere
 * @param meanValue m entries, mean of the probe over its known pixels
 * @param scoreFactor m entries, {@code beta / sqrt(sum over known pixels of (q - mean)^2)}, or 0 for a
 *     probe that is flat over its known pixels
 * @param maskOfRow m entries, the row of {@code masks} that is this probe's mask
 * @param masks the distinct masks
 */
record MaskedProbes(INDArray values, float[] meanValue, float[] scoreFactor, int[] maskOfRow, DistinctMasks masks) {

    /**
     * Distinct known-pixel masks, so the sums over each pattern's known pixels are computed once per
     * mask instead of once per probe.
     *
     * @param known g x d, one 0/1 mask a row
     * @param inverseCount g x 1, 1 / number of known pixels of each mask
     */
    record DistinctMasks(INDArray known, INDArray inverseCount) {

        int count() {
            return (int) known.rows();
        }
    }

    int rows() {
        return (int) values.rows();
    }

    /** Returns the first {@code count} rows, the values as a view; all masks stay. */
    MaskedProbes head(int count) {
        return new MaskedProbes(Workspace.rows(values, 0, count), Arrays.copyOf(meanValue, count),
                Arrays.copyOf(scoreFactor, count), Arrays.copyOf(maskOfRow, count), masks);
    }

    /** Copies the given rows, in that order, and the masks they use into new arrays. */
    MaskedProbes select(int[] rows) {
        float[] means = new float[rows.length];
        float[] factors = new float[rows.length];
        int[] newMaskOfRow = new int[rows.length];
        int[] newIndexOfMask = new int[masks.count()];
        Arrays.fill(newIndexOfMask, -1);
        int[] usedMasks = new int[masks.count()];
        int used = 0;
        for (int i = 0; i < rows.length; i++) {
            means[i] = meanValue[rows[i]];
            factors[i] = scoreFactor[rows[i]];
            int mask = maskOfRow[rows[i]];
            if (newIndexOfMask[mask] < 0) {
                newIndexOfMask[mask] = used;
                usedMasks[used++] = mask;
            }
            newMaskOfRow[i] = newIndexOfMask[mask];
        }

        int[] usedMaskRows = Arrays.copyOf(usedMasks, used);
        DistinctMasks selectedMasks = new DistinctMasks(masks.known().getRows(usedMaskRows),
                masks.inverseCount().getRows(usedMaskRows));
        return new MaskedProbes(values.getRows(rows), means, factors, newMaskOfRow, selectedMasks);
    }
}
