package io.hopfieldstream.retriever.cuda;

import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuModuleUnload;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;

/**
 * The row kernels of the cuda backend (normalisation, masked Pearson scores, softmax, attention
 * spread, rounding, conversions), compiled once per backend for the device's architecture and
 * loaded with {@code cuModuleLoadData}. Grid sizes and kernel arguments are set here, so callers
 * pass matrices and counts only.
 */
final class RetrievalKernels implements AutoCloseable {

    static final String SOURCE = "retrieval_kernels.cu";

    /** Threads per block; the kernels' shared arrays are sized for exactly this many. */
    private static final int BLOCK = 256;
    /** Upper bound on blocks for the element-wise kernels, which loop over their range. */
    private static final int MAX_GRID = 65_535;

    private final CUmod_st module = new CUmod_st();
    private final CUfunc_st normalizeRows;
    private final CUfunc_st prepareMasked;
    private final CUfunc_st pearsonScores;
    private final CUfunc_st softmaxRows;
    private final CUfunc_st attentionSpread;
    private final CUfunc_st roundPixels;
    private final CUfunc_st pixelsToFloat;
    private final CUfunc_st squareElements;
    private final CUfunc_st toBfloat16;

    RetrievalKernels(int major, int minor) {
        BytePointer cubin = KernelCompiler.compileCubin(KernelCompiler.readSource(SOURCE), SOURCE, major, minor);
        try {
            CudaStatus.driver(cuModuleLoadData(module, cubin), "cuModuleLoadData");
        } finally {
            cubin.close();
        }
        normalizeRows = function("normalize_rows");
        prepareMasked = function("prepare_masked");
        pearsonScores = function("pearson_scores");
        softmaxRows = function("softmax_rows");
        attentionSpread = function("attention_spread");
        roundPixels = function("round_pixels");
        pixelsToFloat = function("pixels_to_float");
        squareElements = function("square_elements");
        toBfloat16 = function("to_bfloat16");
    }

    private CUfunc_st function(String name) {
        CUfunc_st function = new CUfunc_st();
        CudaStatus.driver(cuModuleGetFunction(function, module, name), "cuModuleGetFunction(" + name + ")");
        return function;
    }

    /** Pixels (rows x columns bytes) to normalised floats; mode bit 1 centres, bit 2 scales to unit length. */
    void normalizeRows(long pixels, int rows, int columns, int mode, long out, CUstream_st stream) {
        new KernelLaunch("normalize_rows", normalizeRows)
                .address(pixels).integer(columns).integer(mode).address(out)
                .launch(rows, BLOCK, stream);
    }

    void prepareMasked(long pixels, long masks, int rows, int columns, long centred, long known, long stats,
                       CUstream_st stream) {
        new KernelLaunch("prepare_masked", prepareMasked)
                .address(pixels).address(masks).integer(columns).address(centred).address(known).address(stats)
                .launch(rows, BLOCK, stream);
    }

    void pearsonScores(long scores, long sums, long squareSums, long stats, int rows, int columns, float beta,
                       float minSpread, CUstream_st stream) {
        new KernelLaunch("pearson_scores", pearsonScores)
                .address(scores).address(sums).address(squareSums).address(stats)
                .integer(rows).integer(columns).real(beta).real(minSpread)
                .launch(elementGrid((long) rows * columns), BLOCK, stream);
    }

    /** Row softmax with argmax and convergence bookkeeping; see the kernel source for the outputs. */
    void softmaxRows(long scores, int rows, int columns, long weights, long previous, int step, float tolerance,
                     RowOutputs outputs, CUstream_st stream) {
        new KernelLaunch("softmax_rows", softmaxRows)
                .address(scores).integer(columns).address(weights).address(previous)
                .integer(step).real(tolerance).address(outputs.done())
                .address(outputs.argmaxIndex()).address(outputs.argmaxWeight())
                .address(outputs.iterations()).address(outputs.converged()).address(outputs.change())
                .address(outputs.stillActive())
                .launch(rows, BLOCK, stream);
    }

    void attentionSpread(long weights, int rows, int columns, float mass, long spread, CUstream_st stream) {
        new KernelLaunch("attention_spread", attentionSpread)
                .address(weights).integer(columns).real(mass).address(spread)
                .launch(rows, BLOCK, stream);
    }

    void roundPixels(long values, long count, float scale, long out, CUstream_st stream) {
        new KernelLaunch("round_pixels", roundPixels)
                .address(values).longInteger(count).real(scale).address(out)
                .launch(elementGrid(count), BLOCK, stream);
    }

    void pixelsToFloat(long pixels, long count, float scale, long out, CUstream_st stream) {
        new KernelLaunch("pixels_to_float", pixelsToFloat)
                .address(pixels).longInteger(count).real(scale).address(out)
                .launch(elementGrid(count), BLOCK, stream);
    }

    void squareElements(long values, long count, long out, CUstream_st stream) {
        new KernelLaunch("square_elements", squareElements)
                .address(values).longInteger(count).address(out)
                .launch(elementGrid(count), BLOCK, stream);
    }

    void toBfloat16(long values, long count, long out, CUstream_st stream) {
        new KernelLaunch("to_bfloat16", toBfloat16)
                .address(values).longInteger(count).address(out)
                .launch(elementGrid(count), BLOCK, stream);
    }

    private static int elementGrid(long count) {
        return (int) Math.max(1, Math.min(MAX_GRID, (count + BLOCK - 1) / BLOCK));
    }

    @Override
    public void close() {
        cuModuleUnload(module);
    }

    /**
     * Device addresses of the per-row outputs of {@link #softmaxRows}: int done flags, int
     * argmax index, float argmax weight, int iterations, int converged flag, float largest
     * change, and one int counter of rows still active after the step.
     */
    record RowOutputs(long done, long argmaxIndex, long argmaxWeight, long iterations, long converged,
                      long change, long stillActive) {
    }
}
