package io.hopfieldstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hopfieldstream.producer.corruption.CorruptionSpec;

class ProbeSettingsTest {

    private static final ProbeSettings DEFAULTS = ProbeSettings.defaults("exp", CorruptionSpec.none());

    @Test
    void settingsDefaults() {
        assertThat(DEFAULTS.topic()).isEqualTo("images.corrupted");
        assertThat(DEFAULTS.count()).isEqualTo(ProbeSettings.ONE_PASS);
        assertThat(DEFAULTS.isRateLimited()).isFalse();
        assertThat(DEFAULTS.duration()).isNull();
        assertThat(DEFAULTS.firstProbeIndex()).isZero();
    }

    @Test
    void settingsRejectBadValues() {
        assertThatThrownBy(() -> DEFAULTS.withRate(-1))
                .hasMessage("Invalid rate -1.0 probes/s: expected a positive number, or 0 for unlimited");
        assertThatThrownBy(() -> DEFAULTS.withRate(Double.NaN))
                .hasMessageStartingWith("Invalid rate NaN probes/s");
        assertThatThrownBy(() -> DEFAULTS.withCount(0))
                .hasMessage("Invalid probe count 0: expected a positive count, ONE_PASS or UNLIMITED_COUNT");
        assertThatThrownBy(() -> DEFAULTS.withDuration(Duration.ZERO))
                .hasMessage("Invalid duration PT0S: expected a positive duration");
        assertThatThrownBy(() -> DEFAULTS.withFirstProbeIndex(-1))
                .hasMessage("Invalid first probe index -1: expected >= 0");
        assertThatThrownBy(() -> ProbeSettings.defaults(" ", CorruptionSpec.none()))
                .hasMessage("Experiment id must not be blank");
    }

    @Test
    void producerDefaultsYieldToCaller() {
        Map<String, Object> merged = ProducerDefaults.merge(Map.of(
                "bootstrap.servers", "broker:9092",
                "linger.ms", "50",
                "value.serializer", "some.Other"), "hopfield-test");

        assertThat(merged)
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("linger.ms", "50")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("compression.type", "lz4")
                .containsEntry("client.id", "hopfield-test")
                .doesNotContainKey("value.serializer");
        assertThat(ProducerDefaults.merge(Map.of("client.id", "mine"), "hopfield-test"))
                .containsEntry("client.id", "mine");
    }
}
