package io.hopfieldstream.retriever.retrieval;

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
 * For a chunk of patterns, S_y, S_yy and S_yq of every probe and pattern are three matrix products
 * of m x d by d x chunk: the 0/1 mask times Y^T, the mask times (Y * Y)^T, and the probe (zero at
 * unknown pixels) times Y^T. So the values of unknown pixels enter no product. A pattern whose
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
    private final INDArray sumOfSquaresBuffer;
    private final INDArray scratchBuffer;

    /** Allocates working space for up to {@code maxRows x maxColumns} scores. */
    MaskedPearsonScores(int maxRows, int maxColumns) {
        this.sumBuffer = Workspace.flat(maxRows, maxColumns);
        this.sumOfSquaresBuffer = Workspace.flat(maxRows, maxColumns);
        this.scratchBuffer = Workspace.flat(maxRows, maxColumns);
    }

    /**
     * Writes the scores of {@code probes} against a chunk of patterns into {@code out}.
     *
     * @param maskKeys chunk x d patterns
     * @param squaredMaskKeys chunk x d, the same patterns squared element-wise
     * @param out m x chunk, C order, contiguous
     */
    void scores(MaskedProbes probes, INDArray maskKeys, INDArray squaredMaskKeys, INDArray out) {
        if (probes.masks() != null) {
            scoresByMask(probes, maskKeys, squaredMaskKeys, out);
            return;
        }
        int rows = probes.rows();
        int columns = maskKeys.rows();
        INDArray sums = Workspace.view(sumBuffer, rows, columns);
        INDArray sumsOfSquares = Workspace.view(sumOfSquaresBuffer, rows, columns);
        INDArray scratch = Workspace.view(scratchBuffer, rows, columns);

        Nd4j.gemm(probes.known(), maskKeys, sums, false, true, 1.0, 0.0);
        Nd4j.gemm(probes.known(), squaredMaskKeys, sumsOfSquares, false, true, 1.0, 0.0);
        Nd4j.gemm(probes.values(), maskKeys, out, false, true, 1.0, 0.0);

        // n times the covariance: S_yq - S_y * mean(q).
        scratch.assign(sums).muliColumnVector(probes.meanValue());
        out.subi(scratch);

        // n times the variance of y: S_yy - S_y^2 / n, floored, then its square root.
        scratch.assign(sums).muli(sums).muliColumnVector(probes.inverseCount());
        sumsOfSquares.subi(scratch);
        Transforms.max(sumsOfSquares, MIN_SPREAD, false);
        Transforms.sqrt(sumsOfSquares, false);

        out.divi(sumsOfSquares).muliColumnVector(probes.scoreFactor());
    }

    /**
     * Computes the same scores when rows share masks: S_y and S_yy depend on the mask only, so they are computed
     * once per distinct mask (g x chunk), and each group's covariance correction is one outer product.
     */
    private void scoresByMask(MaskedProbes probes, INDArray maskKeys, INDArray squaredMaskKeys, INDArray out) {
        MaskedProbes.MaskGroups masks = probes.masks();
        int groups = masks.count();
        int columns = maskKeys.rows();
        INDArray sums = Workspace.view(sumBuffer, groups, columns);
        INDArray spreads = Workspace.view(sumOfSquaresBuffer, groups, columns);
        INDArray scratch = Workspace.view(scratchBuffer, groups, columns);

        Nd4j.gemm(masks.known(), maskKeys, sums, false, true, 1.0, 0.0);
        Nd4j.gemm(masks.known(), squaredMaskKeys, spreads, false, true, 1.0, 0.0);
        Nd4j.gemm(probes.values(), maskKeys, out, false, true, 1.0, 0.0);

        // Per mask: sqrt(n times the variance of y), floored.
        scratch.assign(sums).muli(sums).muliColumnVector(masks.inverseCount());
        spreads.subi(scratch);
        Transforms.max(spreads, MIN_SPREAD, false);
        Transforms.sqrt(spreads, false);

        for (int group = 0; group < groups; group++) {
            int first = masks.firstRows()[group];
            int count = masks.firstRows()[group + 1] - first;
            INDArray groupScores = Workspace.rows(out, first, count);
            INDArray groupMeans = Workspace.rows(probes.meanValue(), first, count);

            // n times the covariance: S_yq - mean(q) S_y, the correction as one outer product.
            Nd4j.gemm(groupMeans, Workspace.rows(sums, group, 1), groupScores, false, false, -1.0, 1.0);
            groupScores.diviRowVector(Workspace.rows(spreads, group, 1));
        }
        out.muliColumnVector(probes.scoreFactor());
    }

    void close() {
        sumBuffer.close();
        sumOfSquaresBuffer.close();
        scratchBuffer.close();
    }
}
