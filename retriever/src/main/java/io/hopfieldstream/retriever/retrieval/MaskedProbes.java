package io.hopfieldstream.retriever.retrieval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Probes scored by mask-aware retrieval, as the matrix products of {@link MaskedPearsonScores} need
 * them: m rows, each with its values zeroed at unknown pixels, its 0/1 mask, and three per-row
 * constants of its known pixels.
 *
 * <p>When several rows share one mask (a half-image mask on every probe of an experiment, say), the
 * rows are ordered by mask and {@code masks} describes the groups, so the sums over the known pixels of
 * each pattern are computed once per distinct mask instead of once per row.
 *
 * @param values m x d, the probe values at known pixels and 0 elsewhere
 * @param known m x d, 1 for a known pixel and 0 for an unknown one
 * @param meanValue m x 1, mean of the probe over its known pixels
 * @param inverseCount m x 1, 1 / number of known pixels
 * @param scoreFactor m x 1, {@code beta / sqrt(sum over known pixels of (q - mean)^2)}, or 0 for a probe
 *     that is flat over its known pixels
 * @param masks the distinct masks and their rows, or null to compute the sums row by row
 */
record MaskedProbes(INDArray values, INDArray known, INDArray meanValue, INDArray inverseCount,
        INDArray scoreFactor, MaskGroups masks) {

    /**
     * Distinct masks of consecutive rows.
     *
     * @param known g x d, one 0/1 mask a row
     * @param inverseCount g x 1, 1 / number of known pixels of each mask
     * @param firstRows g + 1 entries: group i holds rows {@code firstRows[i] .. firstRows[i + 1]}
     */
    record MaskGroups(INDArray known, INDArray inverseCount, int[] firstRows) {

        int count() {
            return firstRows.length - 1;
        }
    }

    int rows() {
        return values.rows();
    }

    /** Returns the first {@code count} rows as views; mask groups stay only when they cover exactly those rows. */
    MaskedProbes head(int count) {
        MaskGroups groups = masks != null && masks.firstRows()[masks.count()] == count ? masks : null;
        return new MaskedProbes(
                rows(values, count),
                rows(known, count),
                rows(meanValue, count),
                rows(inverseCount, count),
                rows(scoreFactor, count),
                groups);
    }

    /** Copies the given rows, in that order, into new arrays, without mask groups. */
    MaskedProbes select(int[] rows) {
        return new MaskedProbes(values.getRows(rows), known.getRows(rows), pick(meanValue, rows),
                pick(inverseCount, rows), pick(scoreFactor, rows), null);
    }

    private static INDArray rows(INDArray matrix, int count) {
        return Workspace.rows(matrix, 0, count);
    }

    private static INDArray pick(INDArray column, int[] rows) {
        float[] picked = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = column.getFloat(rows[i], 0);
        }
        return Nd4j.createFromArray(picked).reshape(rows.length, 1);
    }
}
