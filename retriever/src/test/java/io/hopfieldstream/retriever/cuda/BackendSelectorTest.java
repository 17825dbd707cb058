package io.hopfieldstream.retriever.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {

    private static final CudaDeviceInfo H200 = new CudaDeviceInfo(0, "NVIDIA H200", 9, 0, 143_771L << 20);
    private static final CudaDeviceInfo A100 = new CudaDeviceInfo(0, "NVIDIA A100-SXM4-40GB", 8, 0, 40_000L << 20);
    private static final CudaDeviceInfo T4 = new CudaDeviceInfo(0, "Tesla T4", 7, 5, 15_000L << 20);
    private static final CudaDeviceInfo V100 = new CudaDeviceInfo(0, "Tesla V100", 7, 0, 16_000L << 20);
    private static final Optional<String> NO_DRIVER =
            Optional.of("libcuda.so.1: cannot open shared object file: No such file or directory");

    private static BackendSelection select(BackendChoice choice, GpuEnvironment environment) {
        return new BackendSelector(() -> environment).select(choice);
    }

    private static GpuEnvironment gpu(CudaDeviceInfo device, boolean nd4jCuda) {
        return new GpuEnvironment(Optional.empty(), List.of(device), !nd4jCuda, nd4jCuda);
    }

    @Test
    void autoPicksCudaOnHopper() {
        BackendSelection selection = select(BackendChoice.AUTO, gpu(H200, false));

        assertThat(selection.kind()).isEqualTo(BackendKind.CUDA);
        assertThat(selection.device()).contains(H200);
        assertThat(selection.reason()).contains("NVIDIA H200", "9.0");
    }

    @Test
    void autoPicksCudaOnHopperEvenWithNd4jCuda() {
        assertThat(select(BackendChoice.AUTO, gpu(H200, true)).kind()).isEqualTo(BackendKind.CUDA);
    }

    @Test
    void autoPicksNd4jCudaOnAmpereWithProfile() {
        BackendSelection selection = select(BackendChoice.AUTO, gpu(A100, true));

        assertThat(selection.kind()).isEqualTo(BackendKind.ND4J_CUDA);
        assertThat(selection.reason()).contains("older than Hopper");
    }

    @Test
    void autoPicksCudaOnTuringWithoutNd4jCuda() {
        assertThat(select(BackendChoice.AUTO, gpu(T4, false)).kind()).isEqualTo(BackendKind.CUDA);
    }

    @Test
    void autoPicksCpuOnVoltaWithoutNd4jCuda() {
        BackendSelection selection = select(BackendChoice.AUTO, gpu(V100, false));

        assertThat(selection.kind()).isEqualTo(BackendKind.CPU);
        assertThat(selection.device()).isEmpty();
        assertThat(selection.reason()).contains("7.5");
    }

    @Test
    void autoPicksCpuWithoutDriver() {
        BackendSelection selection = select(BackendChoice.AUTO,
                new GpuEnvironment(NO_DRIVER, List.of(), true, false));

        assertThat(selection.kind()).isEqualTo(BackendKind.CPU);
        assertThat(selection.reason()).contains("libcuda.so.1");
    }

    @Test
    void autoPicksCpuWithoutDevice() {
        BackendSelection selection = select(BackendChoice.AUTO,
                new GpuEnvironment(Optional.empty(), List.of(), true, false));

        assertThat(selection.kind()).isEqualTo(BackendKind.CPU);
        assertThat(selection.reason()).contains("sees no device");
    }

    @Test
    void autoFailsWithNothingToRun() {
        GpuEnvironment nothing = new GpuEnvironment(NO_DRIVER, List.of(), false, true);

        assertThatThrownBy(() -> select(BackendChoice.AUTO, nothing))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("No retrieval backend can run");
    }

    @Test
    void cpuChosenWhenPresent() {
        BackendSelection selection = select(BackendChoice.CPU, gpu(H200, false));

        assertThat(selection.kind()).isEqualTo(BackendKind.CPU);
    }

    @Test
    void cpuRejectedUnderCudaProfile() {
        assertThatThrownBy(() -> select(BackendChoice.CPU, gpu(A100, true)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("nd4j-native");
    }

    @Test
    void cudaRejectedWithoutDriver() {
        GpuEnvironment environment = new GpuEnvironment(NO_DRIVER, List.of(), true, false);

        assertThatThrownBy(() -> select(BackendChoice.CUDA, environment))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("--backend cuda cannot run: libcuda.so.1")
                .hasMessageContaining("--backend cpu");
    }

    @Test
    void cudaRejectedWithoutDevice() {
        GpuEnvironment environment = new GpuEnvironment(Optional.empty(), List.of(), true, false);

        assertThatThrownBy(() -> select(BackendChoice.CUDA, environment))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("sees no device");
    }

    @Test
    void cudaRejectedOnVolta() {
        assertThatThrownBy(() -> select(BackendChoice.CUDA, gpu(V100, false)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("7.5");
    }

    @Test
    void cudaChosenOnAmpere() {
        BackendSelection selection = select(BackendChoice.CUDA, gpu(A100, true));

        assertThat(selection.kind()).isEqualTo(BackendKind.CUDA);
        assertThat(selection.device()).contains(A100);
    }

    @Test
    void nd4jCudaChosenOnAmpere() {
        assertThat(select(BackendChoice.ND4J_CUDA, gpu(A100, true)).kind()).isEqualTo(BackendKind.ND4J_CUDA);
    }

    @Test
    void nd4jCudaRejectedOnHopper() {
        assertThatThrownBy(() -> select(BackendChoice.ND4J_CUDA, gpu(H200, true)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("sm_86")
                .hasMessageContaining("--backend cuda");
    }

    @Test
    void nd4jCudaRejectedWithoutProfile() {
        assertThatThrownBy(() -> select(BackendChoice.ND4J_CUDA, gpu(A100, false)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("-P cuda");
    }

    @Test
    void nd4jCudaRejectedWithoutDriver() {
        GpuEnvironment environment = new GpuEnvironment(NO_DRIVER, List.of(), false, true);

        assertThatThrownBy(() -> select(BackendChoice.ND4J_CUDA, environment))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("libcuda.so.1");
    }

    @Test
    void unavailableMapsToExitCodeTwo() {
        assertThat(BackendUnavailableException.EXIT_CODE).isEqualTo(2);
    }
}
