package io.hopfieldstream.retriever.cuda;

import java.util.List;
import java.util.Optional;

/**
 * What a backend choice depends on, as found on this machine.
 *
 * @param cudaProblem empty when JavaCPP's CUDA bindings (driver, cudart, cuBLAS, NVRTC) loaded and
 *     the driver answered; else why not, for example "libcuda.so.1: cannot open shared object file"
 * @param devices the CUDA devices the driver sees; empty when it sees none or did not load
 * @param nd4jNativePresent whether ND4J's CPU backend is on the class path
 * @param nd4jCudaPresent whether ND4J's CUDA backend is on the class path
 */
public record GpuEnvironment(Optional<String> cudaProblem, List<CudaDeviceInfo> devices, boolean nd4jNativePresent,
                             boolean nd4jCudaPresent) {

    public GpuEnvironment {
        devices = List.copyOf(devices);
    }

    public boolean cudaLoaded() {
        return cudaProblem.isEmpty();
    }
}
