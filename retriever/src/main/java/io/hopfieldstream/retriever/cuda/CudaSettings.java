package io.hopfieldstream.retriever.cuda;

/**
 * Settings of the cuda backend beyond the retrieval settings every backend shares.
 *
 * @param device CUDA device ordinal, >= 0
 * @param precision arithmetic of the matrix products
 * @param blockRows most probes per block on the GPU, >= 1: a batch is split into blocks whose
 *     copies overlap the computation of the block before
 * @param scoreMemoryBytes most bytes of GPU memory for one block's score and weight matrices
 *     (each probe row needs about 4 to 6 times 4 bytes per stored pattern); blocks get fewer
 *     rows when the memory is large, >= 1 MiB
 */
public record CudaSettings(int device, GemmPrecision precision, int blockRows, long scoreMemoryBytes) {

    public static final int DEFAULT_BLOCK_ROWS = 1024;
    public static final long DEFAULT_SCORE_MEMORY_BYTES = 2L << 30;

    public CudaSettings {
        if (device < 0) {
            throw new IllegalArgumentException("CUDA device ordinal must be >= 0, was " + device);
        }
        if (precision == null) {
            throw new IllegalArgumentException("precision is missing: use FLOAT32, TF32 or BF16");
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows must be >= 1, was " + blockRows);
        }
        if (scoreMemoryBytes < (1L << 20)) {
            throw new IllegalArgumentException("scoreMemoryBytes must be >= 1 MiB, was " + scoreMemoryBytes);
        }
    }

    /** Device 0, float32 products, 1,024-row blocks, 2 GiB for scores and weights. */
    public static CudaSettings defaults() {
        return new CudaSettings(0, GemmPrecision.FLOAT32, DEFAULT_BLOCK_ROWS, DEFAULT_SCORE_MEMORY_BYTES);
    }

    public CudaSettings withPrecision(GemmPrecision newPrecision) {
        return new CudaSettings(device, newPrecision, blockRows, scoreMemoryBytes);
    }
}
