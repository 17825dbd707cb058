package io.hopfieldstream.retriever.cuda;

import static org.bytedeco.cuda.global.cublas.CUBLAS_COMPUTE_32F;
import static org.bytedeco.cuda.global.cublas.CUBLAS_COMPUTE_32F_FAST_TF32;
import static org.bytedeco.cuda.global.cublas.CUBLAS_GEMM_DEFAULT;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_T;
import static org.bytedeco.cuda.global.cublas.cublasCreate_v2;
import static org.bytedeco.cuda.global.cublas.cublasDestroy_v2;
import static org.bytedeco.cuda.global.cublas.cublasGemmEx;
import static org.bytedeco.cuda.global.cublas.cublasGetVersion_v2;
import static org.bytedeco.cuda.global.cublas.cublasSetStream_v2;
import static org.bytedeco.cuda.global.cublas.cublasSgemm_v2;
import static org.bytedeco.cuda.global.cudart.CUDA_R_16BF;
import static org.bytedeco.cuda.global.cudart.CUDA_R_32F;

import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The two kinds of matrix product of the update, on cuBLAS, in the configured precision. All
 * matrices are row-major, one pattern or probe a row; cuBLAS is column-major, so a row-major
 * R x C matrix is passed as a column-major C x R one.
 */
final class CublasProducts implements AutoCloseable {

    private final cublasContext handle = new cublasContext();
    private final GemmPrecision precision;
    private final FloatPointer alpha = new FloatPointer(1);
    private final FloatPointer beta = new FloatPointer(1);

    CublasProducts(GemmPrecision precision, CUstream_st stream) {
        this.precision = precision;
        CudaStatus.cublas(cublasCreate_v2(handle), "cublasCreate");
        CudaStatus.cublas(cublasSetStream_v2(handle, stream), "cublasSetStream");
    }

    /** cuBLAS version as one number, for example 130100 for 13.1.0. */
    int version() {
        int[] version = new int[1];
        CudaStatus.cublas(cublasGetVersion_v2(handle, version), "cublasGetVersion");
        return version[0];
    }

    /**
     * out (rows x patterns) = scale * queries (rows x d) times patterns (patterns x d) transposed:
     * the similarity of every query with every stored pattern.
     */
    void scores(Operand patternMatrix, Operand queries, int rows, int patterns, int d, float scale, long out) {
        gemm(CUBLAS_OP_T, CUBLAS_OP_N, patterns, rows, d, scale, patternMatrix, d, queries, d, out, patterns);
    }

    /**
     * out (rows x d) = weights (rows x patterns) times patterns (patterns x d): the
     * weight-averaged stored pattern for every row.
     */
    void combine(Operand patternMatrix, Operand weights, int rows, int patterns, int d, long out) {
        gemm(CUBLAS_OP_N, CUBLAS_OP_N, d, rows, patterns, 1.0f, patternMatrix, d, weights, patterns, out, d);
    }

    private void gemm(int transA, int transB, int m, int n, int k, float scale,
                      Operand a, int lda, Operand b, int ldb, long c, int ldc) {
        alpha.put(scale);
        beta.put(0.0f);
        switch (precision) {
            case FLOAT32 -> CudaStatus.cublas(cublasSgemm_v2(handle, transA, transB, m, n, k, alpha,
                    DeviceAddress.floats(a.floats()), lda, DeviceAddress.floats(b.floats()), ldb, beta,
                    DeviceAddress.floats(c), ldc), "cublasSgemm");
            case TF32 -> CudaStatus.cublas(cublasGemmEx(handle, transA, transB, m, n, k, alpha,
                    DeviceAddress.of(a.floats()), CUDA_R_32F, lda, DeviceAddress.of(b.floats()), CUDA_R_32F, ldb,
                    beta, DeviceAddress.of(c), CUDA_R_32F, ldc, CUBLAS_COMPUTE_32F_FAST_TF32, CUBLAS_GEMM_DEFAULT),
                    "cublasGemmEx(TF32)");
            case BF16 -> CudaStatus.cublas(cublasGemmEx(handle, transA, transB, m, n, k, alpha,
                    DeviceAddress.of(a.bfloat16()), CUDA_R_16BF, lda, DeviceAddress.of(b.bfloat16()), CUDA_R_16BF, ldb,
                    beta, DeviceAddress.of(c), CUDA_R_32F, ldc, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT),
                    "cublasGemmEx(BF16)");
            default -> throw new IllegalStateException("unknown precision " + precision);
        }
    }

    @Override
    public void close() {
        cublasDestroy_v2(handle);
        alpha.close();
        beta.close();
    }

    /**
     * Device addresses of one matrix: its float32 form and, for {@link GemmPrecision#BF16}, its
     * bfloat16 copy (0 where none exists).
     */
    record Operand(long floats, long bfloat16) {

        static Operand of(long floats) {
            return new Operand(floats, 0L);
        }
    }
}
