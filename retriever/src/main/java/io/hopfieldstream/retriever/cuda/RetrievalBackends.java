package io.hopfieldstream.retriever.cuda;

import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;

/**
 * Opens the backend a {@link BackendSelector} picked. {@code cpu} and {@code nd4j-cuda} are the
 * same ND4J code, which runs on whichever ND4J backend the class path holds.
 */
public final class RetrievalBackends {

    private RetrievalBackends() {
    }

    /**
     * Opens the selected backend.
     *
     * @throws BackendUnavailableException when the cuda backend cannot start after all (for example
     *     a CUDA library that loaded during the probe but fails now)
     */
    public static RetrievalBackend open(BackendSelection selection, RetrievalSettings settings,
                                        CudaSettings cudaSettings) {
        return switch (selection.kind()) {
            case CPU, ND4J_CUDA -> new Nd4jCpuBackend(settings);
            case CUDA -> {
                int device = selection.device().map(CudaDeviceInfo::ordinal).orElse(cudaSettings.device());
                yield new CudaBackend(settings, new CudaSettings(device, cudaSettings.precision(),
                        cudaSettings.blockRows(), cudaSettings.scoreMemoryBytes()));
            }
        };
    }
}
