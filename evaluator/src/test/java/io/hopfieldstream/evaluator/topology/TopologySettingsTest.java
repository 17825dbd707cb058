package io.hopfieldstream.evaluator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.kafka.streams.kstream.TimeWindows;
import org.junit.jupiter.api.Test;

class TopologySettingsTest {

    private final TopologySettings defaults = TopologySettings.defaults();

    @Test
    void hoppingWindowsFollowSettings() {
        TimeWindows windows = defaults.withWindows(Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(5)).hoppingWindows();

        assertThat(windows.size()).isEqualTo(30_000L);
        assertThat(windows.advanceMs).isEqualTo(10_000L);
        assertThat(windows.gracePeriodMs()).isEqualTo(5_000L);
    }

    @Test
    void advanceBeyondSizeIsRejected() {
        assertThatThrownBy(() -> defaults.withWindows(Duration.ofSeconds(10), Duration.ofSeconds(11), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window advance");
    }

    @Test
    void zeroSizeIsRejected() {
        assertThatThrownBy(() -> defaults.withWindows(Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window size");
    }

    @Test
    void negativeGraceIsRejected() {
        assertThatThrownBy(() -> defaults.withWindows(Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window grace");
    }

    @Test
    void countWindowSizeIsBounded() {
        assertThatThrownBy(() -> defaults.withCountWindowSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..100000");
        assertThat(defaults.withCountWindowSize(100_000).countWindowSize()).isEqualTo(100_000);
    }

    @Test
    void thresholdIsBounded() {
        assertThatThrownBy(() -> defaults.withSimilarity(defaults.similarity(), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1..1");
    }
}
