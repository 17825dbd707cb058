package io.hopfieldstream.retriever.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetrievalSettingsTest {

    @Test
    void defaultsAreValid() {
        RetrievalSettings defaults = RetrievalSettings.defaults();

        assertThat(defaults.validate()).isSameAs(defaults);
        assertThat(defaults.normalization()).isEqualTo(Normalization.CENTER_UNIT);
        assertThat(defaults.maxIterations()).isEqualTo(1);
    }

    static Stream<Arguments> invalidSettings() {
        RetrievalSettings defaults = RetrievalSettings.defaults();
        return Stream.of(
                Arguments.of(defaults.withBeta(0), "beta = 0.0"),
                Arguments.of(defaults.withBeta(-1), "beta = -1.0"),
                Arguments.of(defaults.withBeta(Double.NaN), "beta = NaN"),
                Arguments.of(defaults.withBeta(Double.POSITIVE_INFINITY), "beta = Infinity"),
                Arguments.of(defaults.withBeta(2e6), "beta = 2000000.0"),
                Arguments.of(defaults.withMaxIterations(0), "maxIterations = 0"),
                Arguments.of(defaults.withTolerance(-1e-9), "tolerance = -1.0E-9"),
                Arguments.of(defaults.withTolerance(Double.NaN), "tolerance = NaN"),
                Arguments.of(defaults.withNormalization(null), "normalization = null"),
                Arguments.of(defaults.withChunkSize(0), "chunkSize = 0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidSettings")
    void invalidSettingRejected(RetrievalSettings settings, String named) {
        assertThatThrownBy(settings::validate)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid retrieval setting " + named + ": must be ");
    }

    @Test
    void normalizationCentersAndScales() {
        float[] vector = {1f, 2f, 3f};

        Normalization.CENTER_UNIT.applyInPlace(vector);

        assertThat(vector[0]).isCloseTo(-0.70710677f, org.assertj.core.api.Assertions.within(1e-6f));
        assertThat(vector[1]).isZero();
        assertThat(vector[2]).isCloseTo(0.70710677f, org.assertj.core.api.Assertions.within(1e-6f));
    }

    @Test
    void flatVectorStaysZero() {
        float[] vector = {0.5f, 0.5f, 0.5f};

        Normalization.CENTER_UNIT.applyInPlace(vector);

        assertThat(vector).containsExactly(0f, 0f, 0f);
    }
}
