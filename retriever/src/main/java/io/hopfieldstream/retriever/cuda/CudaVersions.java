package io.hopfieldstream.retriever.cuda;

/**
 * Versions of the CUDA pieces the cuda backend runs on, each as CUDA encodes it
 * (1000 * major + 10 * minor, so 13010 is 13.1; cuBLAS uses 10000 * major + 100 * minor + patch).
 *
 * @param driver the highest CUDA version the installed driver supports
 * @param runtime the loaded libcudart
 * @param cublas the loaded libcublas
 * @param nvrtcMajor the loaded libnvrtc, major part
 * @param nvrtcMinor the loaded libnvrtc, minor part
 */
public record CudaVersions(int driver, int runtime, int cublas, int nvrtcMajor, int nvrtcMinor) {

    @Override
    public String toString() {
        return "driver supports CUDA " + cudaVersion(driver) + ", runtime " + cudaVersion(runtime)
                + ", cuBLAS " + cublas / 10_000 + "." + cublas / 100 % 100 + "." + cublas % 100
                + ", NVRTC " + nvrtcMajor + "." + nvrtcMinor;
    }

    static String cudaVersion(int encoded) {
        return encoded / 1000 + "." + encoded % 1000 / 10;
    }
}
