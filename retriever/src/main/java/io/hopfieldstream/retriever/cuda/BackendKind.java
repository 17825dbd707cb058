package io.hopfieldstream.retriever.cuda;

/** A retrieval backend that can actually run. */
public enum BackendKind {
    /** ND4J's CPU backend (nd4j-native). */
    CPU("cpu"),
    /** ND4J on its CUDA 11.6 backend (nd4j-cuda-11.6, the Maven profile cuda): GPUs up to compute capability 8.9. */
    ND4J_CUDA("nd4j-cuda"),
    /** {@link CudaBackend}, on JavaCPP's CUDA presets. */
    CUDA("cuda");

    private final String option;

    BackendKind(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }

    @Override
    public String toString() {
        return option;
    }
}
