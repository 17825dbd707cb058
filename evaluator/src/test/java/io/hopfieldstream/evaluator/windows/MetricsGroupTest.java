package io.hopfieldstream.evaluator.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsGroupTest {

    @Test
    void keyOfPlainGroup() {
        MetricsGroup group = new MetricsGroup("exp-1", "run-a", "gaussian", 25.0);

        assertThat(group.key()).isEqualTo("exp-1/run-a/gaussian:25");
        assertThat(group.windowKey(WindowType.HOPPING, 60_000L)).isEqualTo("exp-1/run-a/gaussian:25/hopping/60000");
        assertThat(group.windowKey(WindowType.COUNT, 0L)).isEqualTo("exp-1/run-a/gaussian:25/count");
        assertThat(group.windowKey(WindowType.CUMULATIVE, 0L)).isEqualTo("exp-1/run-a/gaussian:25/cumulative");
    }

    @Test
    void levelWithoutTrailingZeros() {
        assertThat(new MetricsGroup("e", "r", "lower-half", 0.25).key()).isEqualTo("e/r/lower-half:0.25");
        assertThat(new MetricsGroup("e", "r", "none", 0.0).key()).isEqualTo("e/r/none:0");
        assertThat(new MetricsGroup("e", "r", "gaussian", 1e-7).key()).isEqualTo("e/r/gaussian:0.0000001");
    }

    @Test
    void separatorsInIdsAreEscaped() {
        MetricsGroup group = new MetricsGroup("a/b", "x:y%z", "gaussian+lower-half", 10.0);

        assertThat(group.key()).isEqualTo("a%2Fb/x%3Ay%25z/gaussian+lower-half:10");
        assertThat(MetricsGroup.parse(group.key())).isEqualTo(group);
        assertThat(group.key()).startsWith(MetricsGroup.runPrefix("a/b", "x:y%z"));
    }

    @Test
    void parseRoundTrips() {
        MetricsGroup group = new MetricsGroup("exp", "run", "dropout", 0.3);

        assertThat(MetricsGroup.parse(group.key())).isEqualTo(group);
    }

    @Test
    void parseRejectsMalformedKey() {
        assertThatThrownBy(() -> MetricsGroup.parse("exp/run"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("experiment/run/kind:level");
        assertThatThrownBy(() -> MetricsGroup.parse("exp/run/gaussian:abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'abc'");
    }
}
