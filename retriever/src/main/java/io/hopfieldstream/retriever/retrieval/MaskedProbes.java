package io.hopfieldstream.retriever.retrieval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Probes scored by mask-aware retrieval, as the matrix products of {@link MaskedPearsonScores} need
 * them: m rows, each with its values zeroed at unknown pixels, its 0/1 mask, and three per-row
 * constants of its known pixels.
 *
 * @param values m x d, the probe values at known pixels and 0 elsewhere
 * @param known m x d, 1 for a known pixel and 0 for an unknown one
 * @param meanValue m x 1, mean of the probe over its known pixels
 * @param inverseCount m x 1, 1 / number of known pixels
 * @param scoreFactor m x 1, {@code beta / sqrt(sum over known pixels of (q - mean)^2)}, or 0 for a probe
 *     that is flat over its known pixels
 */
record MaskedProbes(INDArray values, INDArray known, INDArray meanValue, INDArray inverseCount,
        INDArray scoreFactor) {

    int rows() {
        return values.rows();
    }

    /** Returns the first {@code count} rows as views. */
    MaskedProbes head(int count) {
        return new MaskedProbes(
                values.get(NDArrayIndex.interval(0, count), NDArrayIndex.all()),
                known.get(NDArrayIndex.interval(0, count), NDArrayIndex.all()),
                meanValue.get(NDArrayIndex.interval(0, count), NDArrayIndex.all()),
                inverseCount.get(NDArrayIndex.interval(0, count), NDArrayIndex.all()),
                scoreFactor.get(NDArrayIndex.interval(0, count), NDArrayIndex.all()));
    }

    /** Copies the given rows, in that order, into new arrays. */
    MaskedProbes select(int[] rows) {
        return new MaskedProbes(values.getRows(rows), known.getRows(rows), pick(meanValue, rows),
                pick(inverseCount, rows), pick(scoreFactor, rows));
    }

    private static INDArray pick(INDArray vector, int[] rows) {
        float[] picked = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = vector.getFloat(rows[i], 0);
        }
        return Nd4j.createFromArray(picked).reshape(rows.length, 1);
    }
}
