package io.hopfieldstream.launcher.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.publish.ProbeSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeCampaignPlanTest {

    private static final List<CorruptionSpec> THREE = List.of(CorruptionSpec.parse("gaussian:25"),
            CorruptionSpec.parse("lower-half"), CorruptionSpec.parse("dropout:0.5"));

    private static ProbeCampaign.Plan plan(long count) {
        return new ProbeCampaign.Plan("exp", THREE, 1L, 90.0, count, null, 100L, "images.corrupted",
                Duration.ofSeconds(5));
    }

    @Test
    void countSplitsWithRemainderFirst() {
        ProbeCampaign.Plan plan = plan(10);

        assertThat(plan.countOf(0)).isEqualTo(4);
        assertThat(plan.countOf(1)).isEqualTo(3);
        assertThat(plan.countOf(2)).isEqualTo(3);
        assertThat(plan.plannedProbes(1_000)).isEqualTo(10);
    }

    @Test
    void strideKeepsProbeIdsApart() {
        ProbeCampaign.Plan plan = plan(10);

        long stride = plan.stride(1_000);

        assertThat(stride).isEqualTo(4);
        for (int index = 0; index < THREE.size() - 1; index++) {
            assertThat(stride).isGreaterThanOrEqualTo(plan.countOf(index));
        }
    }

    @Test
    void onePassCountsTargetsPerCorruption() {
        ProbeCampaign.Plan plan = plan(ProbeSettings.ONE_PASS);

        assertThat(plan.countOf(1)).isEqualTo(ProbeSettings.ONE_PASS);
        assertThat(plan.stride(250)).isEqualTo(250);
        assertThat(plan.plannedProbes(250)).isEqualTo(750);
    }

    @Test
    void unlimitedCountHasNoPlannedTotal() {
        ProbeCampaign.Plan plan = plan(ProbeSettings.UNLIMITED_COUNT);

        assertThat(plan.plannedProbes(250)).isEqualTo(-1);
        assertThat(plan.stride(250)).isEqualTo(ProbeCampaign.UNLIMITED_STRIDE);
    }

    @Test
    void fewerProbesThanCorruptionsRejected() {
        assertThatThrownBy(() -> plan(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one probe per corruption (3)");
    }
}
