package io.hopfieldstream.evaluator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentDecoderTest {

    @Test
    void decodeKeepsPlus() {
        assertThat(PercentDecoder.decode("gaussian+lower-half")).isEqualTo("gaussian+lower-half");
    }

    @Test
    void decodeSlashAndUtf8() {
        assertThat(PercentDecoder.decode("a%2Fb")).isEqualTo("a/b");
        assertThat(PercentDecoder.decode("caf%C3%A9")).isEqualTo("café");
        assertThat(PercentDecoder.decode("%25")).isEqualTo("%");
    }

    @Test
    void decodeRejectsTruncatedEscape() {
        assertThatThrownBy(() -> PercentDecoder.decode("exp%2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exp%2");
        assertThatThrownBy(() -> PercentDecoder.decode("exp%zz"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
