package io.hopfieldstream.retriever.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetrievalBackendsTest {

    @Test
    void cpuSelectionOpensNd4jBackend() {
        BackendSelection cpu = new BackendSelection(BackendKind.CPU, Optional.empty(), "test");

        try (RetrievalBackend backend = RetrievalBackends.open(cpu, RetrievalSettings.defaults(),
                CudaSettings.defaults())) {
            assertThat(backend).isInstanceOf(Nd4jCpuBackend.class);
        }
    }

    @Test
    void cudaSelectionWithoutGpuRaisesUnavailable() {
        GpuEnvironment environment = new JavaCppGpuProbe().probe();
        assumeFalse(environment.cudaLoaded() && !environment.devices().isEmpty(), "a CUDA device is present");
        CudaDeviceInfo h200 = new CudaDeviceInfo(0, "NVIDIA H200", 9, 0, 1L << 37);
        BackendSelection cuda = new BackendSelection(BackendKind.CUDA, Optional.of(h200), "test");

        assertThatThrownBy(() -> RetrievalBackends.open(cuda, RetrievalSettings.defaults(), CudaSettings.defaults()))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("--backend cpu");
    }
}
