package io.hopfieldstream.retriever.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J 1.0.0-M2.1 was built with JavaCPP 1.5.7, and the CUDA presets need 1.5.13 on the same
 * class path: ND4J must still load and compute after the CUDA bindings were tried.
 */
class JavaCppAlignmentTest {

    @Test
    void nd4jMultipliesAfterCudaProbe() throws Exception {
        new JavaCppGpuProbe().probe();

        INDArray a = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3});
        INDArray b = Nd4j.create(new float[] {1, 0, 0, 1, 1, 1}, new long[] {3, 2});
        float[] product = a.mmul(b).data().asFloat();

        assertThat(product).containsExactly(4f, 5f, 10f, 11f);
        assertThat(Loader.getVersion()).isEqualTo(Loader.getVersion("org.bytedeco", "cuda").replaceAll(".*-", ""));
    }
}
