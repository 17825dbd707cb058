package io.hopfieldstream.launcher.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void threadNamesMapToParts() {
        assertThat(CpuMeter.part("probe-publisher")).isEqualTo("probe publishers");
        assertThat(CpuMeter.part("hopfield-probe-creator-3")).isEqualTo("probe publishers");
        assertThat(CpuMeter.part("kafka-producer-network-thread | hopfield-probe-publisher-0-gaussian"))
                .isEqualTo("probe publishers");
        assertThat(CpuMeter.part("retriever-compute")).isEqualTo("retrieval thread");
        assertThat(CpuMeter.part("retriever-main")).isEqualTo("retriever service");
        assertThat(CpuMeter.part("kafka-producer-network-thread | hopfield-stress-1-stress-1-writer"))
                .isEqualTo("retriever service");
        assertThat(CpuMeter.part("kafka-coordinator-heartbeat-thread | hopfield-stress-1")).isEqualTo("retriever service");
        assertThat(CpuMeter.part("stress-tracker")).isEqualTo("stress tool");
        assertThat(CpuMeter.part("data-plane-kafka-request-handler-0")).isEqualTo("Kafka broker");
        assertThat(CpuMeter.part("TxnMarkerSenderThread-1")).isEqualTo("Kafka broker");
        assertThat(CpuMeter.part("kafka-admin-client-thread | adminclient-1")).isEqualTo("other Kafka clients");
        assertThat(CpuMeter.part("main")).isEqualTo("other");
    }

    @Test
    void coresSplitJavaAndNativeTime() {
        CpuMeter.Snapshot earlier = new CpuMeter.Snapshot(Map.of("retriever service", 1_000_000_000L), 5_000_000_000L);
        CpuMeter.Snapshot later = new CpuMeter.Snapshot(
                Map.of("retriever service", 3_000_000_000L, "Kafka broker", 1_000_000_000L), 15_000_000_000L);

        Map<String, Double> cores = later.coresSince(earlier, 5.0);

        assertThat(cores).containsOnlyKeys("retriever service", "Kafka broker", CpuMeter.NATIVE);
        assertThat(cores.get("retriever service")).isCloseTo(0.4, Offset.offset(1e-9));
        assertThat(cores.get("Kafka broker")).isCloseTo(0.2, Offset.offset(1e-9));
        assertThat(cores.get(CpuMeter.NATIVE)).isCloseTo(1.4, Offset.offset(1e-9));
        assertThat(cores.keySet()).first().isEqualTo(CpuMeter.NATIVE);
        assertThat(later.processCoresSince(earlier, 5.0)).isCloseTo(2.0, Offset.offset(1e-9));
    }

    @Test
    void meterReadsThisThreadsTime() {
        try (CpuMeter meter = new CpuMeter()) {
            CpuMeter.Snapshot before = meter.snapshot();
            long sum = 0;
            for (long i = 0; i < 50_000_000L; i++) {
                sum += i ^ (sum >>> 3);
            }
            CpuMeter.Snapshot after = meter.snapshot();

            assertThat(sum).isNotZero();
            assertThat(after.process()).isGreaterThan(before.process());
            assertThat(after.byPart().getOrDefault("other", 0L)).isGreaterThan(before.byPart().getOrDefault("other", 0L));
        }
    }
}
