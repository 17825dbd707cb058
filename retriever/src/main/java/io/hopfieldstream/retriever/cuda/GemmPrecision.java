package io.hopfieldstream.retriever.cuda;

/**
 * Arithmetic of the cuda backend's matrix products. Everything outside the products (softmax,
 * normalisation, Pearson scores, rounding) stays in float32.
 */
public enum GemmPrecision {
    /** Plain float32 products ({@code cublasSgemm}); matches the CPU backend within float32 rounding. */
    FLOAT32,
    /** float32 inputs and outputs, products on tensor cores with TF32 inputs (10-bit mantissa). */
    TF32,
    /** bfloat16 copies of both operands (8-bit mantissa), float32 accumulation and output, on tensor cores. */
    BF16
}
