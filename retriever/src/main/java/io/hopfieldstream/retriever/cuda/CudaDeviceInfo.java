package io.hopfieldstream.retriever.cuda;

/**
 * One CUDA device as the driver reports it.
 *
 * @param ordinal device number, 0-based, as CUDA_VISIBLE_DEVICES leaves them
 * @param name marketing name, for example "NVIDIA H200"
 * @param major compute capability, major part (9 for Hopper)
 * @param minor compute capability, minor part
 * @param memoryBytes total device memory in bytes
 */
public record CudaDeviceInfo(int ordinal, String name, int major, int minor, long memoryBytes) {

    /** Compute capability as "major.minor", for example "9.0". */
    public String computeCapability() {
        return major + "." + minor;
    }

    /** Whether the compute capability is at least major.minor. */
    public boolean atLeast(int requiredMajor, int requiredMinor) {
        return major > requiredMajor || (major == requiredMajor && minor >= requiredMinor);
    }

    @Override
    public String toString() {
        return "device " + ordinal + " " + name + " (compute capability " + computeCapability() + ", "
                + memoryBytes / (1L << 20) + " MiB)";
    }
}
