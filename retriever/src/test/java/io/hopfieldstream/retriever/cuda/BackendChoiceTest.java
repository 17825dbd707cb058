package io.hopfieldstream.retriever.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackendChoiceTest {

    @Test
    void parseAcceptsEveryOption() {
        assertThat(BackendChoice.parse("auto")).isEqualTo(BackendChoice.AUTO);
        assertThat(BackendChoice.parse("cpu")).isEqualTo(BackendChoice.CPU);
        assertThat(BackendChoice.parse("nd4j-cuda")).isEqualTo(BackendChoice.ND4J_CUDA);
        assertThat(BackendChoice.parse(" CUDA ")).isEqualTo(BackendChoice.CUDA);
    }

    @Test
    void parseRejectsUnknownValue() {
        assertThatThrownBy(() -> BackendChoice.parse("gpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid backend 'gpu': expected one of auto, cpu, nd4j-cuda, cuda");
    }
}
