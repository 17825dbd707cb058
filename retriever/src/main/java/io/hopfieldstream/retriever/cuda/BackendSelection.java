package io.hopfieldstream.retriever.cuda;

import java.util.Optional;

/**
 * The backend to run and why.
 *
 * @param kind the backend
 * @param device the GPU it runs on; empty for the CPU
 * @param reason one sentence for the start-up log, for example "device 0 NVIDIA H200 has compute
 *     capability 9.0, which ND4J's CUDA 11.6 build has no code for"
 */
public record BackendSelection(BackendKind kind, Optional<CudaDeviceInfo> device, String reason) {
}
