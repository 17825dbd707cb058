package io.hopfieldstream.retriever.retrieval;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mask-aware scores: {@code beta} times the Pearson correlation between a probe q and each stored
 * pattern y over the probe's known pixels K (n of them),
 *
 * <pre>
 *   r = (S_yq - S_y S_q / n) / sqrt((S_yy - S_y^2 / n) (S_qq - S_q^2 / n)),   S_a = sum over K of a
 * </pre>
 *
 * For a chunk of patterns and a batch of m probes with g distinct masks (g <= m), S_y, S_yy and S_yq
 * come from three matrix products whatever the number of masks: the g x d masks times Y^T and times
 * (Y * Y)^T, because S_y and S_yy depend on the mask only, and the m x d probes (zero at unknown
 * pixels) times Y^T. So the values of unknown pixels enter no product. One pass over the m x chunk
 * scores then applies each row's mean and scale with its mask's S_y and spread. A pattern whose
 * spread over the known pixels, {@code S_yy - S_y^2 / n}, is below {@link #MIN_SPREAD} is scored
 * with that floor instead, which keeps a flat pattern's score near 0 rather than 0 / 0.
 */
final class MaskedPearsonScores {

    /**
     * Floor of {@code S_yy - S_y^2 / n}, in the squared units of the mask keys. For pixel / 255 values
     * it lies far below real images (over the upper half of the first 1,000 CIFAR-10 test images: at
     * least 0.25, median 55) and above the float32 rounding error of the sums over 3072 values (about
     * 5e-5).
     */
    // NOTE: known pixels within 0.032 root-sum-square (8 grey levels) of their mean score as a flat pattern.
    static final float MIN_SPREAD = 1e-3f;

    private final INDArray sumBuffer;
    private final INDArray inverseSpreadBuffer;
    private final INDArray scratchBuffer;
    private final float[] scoreRow;
    private final float[] sumRow;
    private final float[] inverseSpreadRow;

    /** Allocates working space for up to {@code maxRows x maxColumns} scores. */
    MaskedPearsonScores(int maxRows, int maxColumns) {
        this.sumBuffer = Workspace.flat(maxRows, maxColumns);
        this.inverseSpreadBuffer = Workspace.flat(maxRows, maxColumns);
        this.scratchBuffer = Workspace.flat(maxRows, maxColumns);
        this.scoreRow = new float[maxColumns];
        this.sumRow = new float[maxColumns];
        this.inverseSpreadRow = new float[maxColumns];
    }

    /**
     * Writes the scores of {@code probes} against a chunk of patterns into {@code out}.
     *
     * @param maskKeys chunk x d patterns
     * @param squaredMaskKeys chunk x d, the same patterns squared element-wise
     * @param out m x chunk, C order, rows contiguous
     */
    void scores(MaskedProbes probes, INDArray maskKeys, INDArray squaredMaskKeys, INDArray out) {
        MaskedProbes.DistinctMasks masks = probes.masks();
        int maskCount = masks.count();
        int columns = (int) maskKeys.rows();
        INDArray sums = Workspace.view(sumBuffer, maskCount, columns);
        INDArray inverseSpreads = Workspace.view(inverseSpreadBuffer, maskCount, columns);
        INDArray scratch = Workspace.view(scratchBuffer, maskCount, columns);

        Nd4j.gemm(masks.known(), maskKeys, sums, false, true, 1.0, 0.0);
        Nd4j.gemm(masks.known(), squaredMaskKeys, inverseSpreads, false, true, 1.0, 0.0);
        Nd4j.gemm(probes.values(), maskKeys, out, false, true, 1.0, 0.0);

        // Per mask: 1 / sqrt(n times the variance of y), with S_yy - S_y^2 / n floored.
        scratch.assign(sums).muli(sums).muliColumnVector(masks.inverseCount());
        inverseSpreads.subi(scratch);
        Transforms.max(inverseSpreads, MIN_SPREAD, false);
        Transforms.sqrt(inverseSpreads, false);
        inverseSpreads.rdivi(1.0);

        scaleRows(probes, sums, inverseSpreads, out);
    }

    /**
     * Turns each row's S_yq into its score: {@code (S_yq - mean(q) S_y) / sqrt(n var(y)) * scoreFactor},
     * with S_y and the spread of the row's mask. One pass over the rows, so the cost does not grow
     * with the number of masks.
     */
    private void scaleRows(MaskedProbes probes, INDArray sums, INDArray inverseSpreads, INDArray out) {
        int columns = (int) out.columns();
        if (out.stride(1) != 1) {
            throw new IllegalArgumentException("Score rows must be contiguous, got " + out.shapeInfoToString());
        }
        FloatBuffer scores = Workspace.rootBuffer(out).asNioFloat();
        FloatBuffer sumValues = Workspace.rootBuffer(sums).asNioFloat();
        FloatBuffer inverseSpreadValues = Workspace.rootBuffer(inverseSpreads).asNioFloat();
        int loadedMask = -1;
        for (int row = 0; row < probes.rows(); row++) {
            int mask = probes.maskOfRow()[row];
            if (mask != loadedMask) {
                sumValues.get((int) sums.offset() + mask * columns, sumRow, 0, columns);
                inverseSpreadValues.get((int) inverseSpreads.offset() + mask * columns, inverseSpreadRow, 0, columns);
                loadedMask = mask;
            }

            int start = (int) (out.offset() + row * out.stride(0));
            scores.get(start, scoreRow, 0, columns);
            float mean = probes.meanValue()[row];
            float factor = probes.scoreFactor()[row];
            for (int column = 0; column < columns; column++) {
                scoreRow[column] = (scoreRow[column] - mean * sumRow[column]) * inverseSpreadRow[column] * factor;
            }
            scores.put(start, scoreRow, 0, columns);
        }
    }

    void close() {
        sumBuffer.close();
        inverseSpreadBuffer.close();
        scratchBuffer.close();
    }
}
