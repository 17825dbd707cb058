package io.hopfieldstream.retriever.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavaCppGpuProbeTest {

    @Test
    void probeReportsInsteadOfThrowing() {
        GpuEnvironment environment = new JavaCppGpuProbe().probe();

        assertThat(environment.nd4jNativePresent()).isTrue();
        assertThat(environment.nd4jCudaPresent()).isFalse();
        if (environment.cudaLoaded()) {
            assertThat(environment.devices()).allSatisfy(device -> assertThat(device.name()).isNotBlank());
        } else {
            assertThat(environment.devices()).isEmpty();
            assertThat(environment.cudaProblem().orElseThrow()).contains("failed to load JavaCPP's");
        }
    }

    @Test
    void probeNamesMissingSharedLibrary() {
        GpuEnvironment environment = new JavaCppGpuProbe().probe();
        org.junit.jupiter.api.Assumptions.assumeTrue(environment.cudaProblem().isPresent(),
                "CUDA libraries loaded on this machine, so there is no missing library to report");

        String problem = environment.cudaProblem().orElseThrow();
        assertTrue(problem.contains(".so"), () -> "problem should name a shared library: " + problem);
    }
}
