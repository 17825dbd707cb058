package io.hopfieldstream.launcher.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhasePlanTest {

    private static final KernelMeasurement KERNEL = new KernelMeasurement(400.0, 640.0, 256, 10_000, 16, 10.24, "cpu");

    private static LoadProfile ramp(String start, String step, String max, Duration maxP99, double hold) {
        return new LoadProfile(null, Duration.ZERO, Duration.ofSeconds(30), new LoadProfile.Ramp(RateSpec.parse(start),
                RateSpec.parse(step), RateSpec.parse(max), Duration.ofSeconds(20), maxP99, hold));
    }

    @Test
    void fixedRunHasWarmupThenMeasuredPhase() {
        LoadProfile load = new LoadProfile(RateSpec.parse("0.7x"), Duration.ofSeconds(10), Duration.ofSeconds(60), null);

        List<Phase> phases = new PhasePlan(load, KERNEL).fixedPhases();

        assertThat(phases).extracting(Phase::kind).containsExactly(Phase.Kind.WARMUP, Phase.Kind.FIXED);
        assertThat(phases).extracting(Phase::index).containsExactly(0, 1);
        assertThat(phases.get(1).offeredRate()).isEqualTo(280.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(phases.get(1).duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(phases.get(0).measured()).isFalse();
        assertThat(phases.get(1).measured()).isTrue();
    }

    @Test
    void fixedRunWithoutWarmupHasOnePhase() {
        LoadProfile load = new LoadProfile(RateSpec.parse("300"), Duration.ZERO, Duration.ofSeconds(5), null);

        List<Phase> phases = new PhasePlan(load, null).fixedPhases();

        assertThat(phases).singleElement().satisfies(phase -> {
            assertThat(phase.index()).isZero();
            assertThat(phase.offeredRate()).isEqualTo(300.0);
        });
    }

    @Test
    void rampStepsRunFromStartToMax() {
        List<Phase> steps = new PhasePlan(ramp("0.5x", "0.25x", "1.5x", null, 0.7), KERNEL).rampSteps();

        assertThat(steps).extracting(Phase::offeredRate).containsExactly(200.0, 300.0, 400.0, 500.0, 600.0);
        assertThat(steps).extracting(Phase::name).containsExactly("step-1", "step-2", "step-3", "step-4", "step-5");
        assertThat(steps).allSatisfy(step -> assertThat(step.kind()).isEqualTo(Phase.Kind.STEP));
    }

    @Test
    void rampStepsAreCapped() {
        List<Phase> steps = new PhasePlan(ramp("1", "1", "100000", null, 0), null).rampSteps();

        assertThat(steps).hasSize(PhasePlan.MAX_STEPS);
    }

    @Test
    void holdPhaseTakesFractionOfSustainableRate() {
        PhasePlan plan = new PhasePlan(ramp("100", "50", "400", null, 0.7), null);

        Phase hold = plan.holdPhase(300.0, 4).orElseThrow();

        assertThat(hold.index()).isEqualTo(4);
        assertThat(hold.kind()).isEqualTo(Phase.Kind.HOLD);
        assertThat(hold.offeredRate()).isEqualTo(210.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(hold.duration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void noHoldWithoutSustainableStepOrFraction() {
        assertThat(new PhasePlan(ramp("100", "50", "400", null, 0.7), null).holdPhase(0.0, 1)).isEmpty();
        assertThat(new PhasePlan(ramp("100", "50", "400", null, 0.0), null).holdPhase(300.0, 1)).isEmpty();
    }

    @Test
    void latencyBoundDefaultsToFiveBatchTimes() {
        assertThat(new PhasePlan(ramp("100", "50", "400", null, 0), KERNEL).maxP99()).isEqualTo(Duration.ofMillis(3_200));
        assertThat(new PhasePlan(ramp("100", "50", "400", null, 0), null).maxP99()).isEqualTo(StressRun.FALLBACK_MAX_P99);
        assertThat(new PhasePlan(ramp("100", "50", "400", Duration.ofSeconds(2), 0), KERNEL).maxP99())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void latencyBoundHasFloor() {
        KernelMeasurement fast = new KernelMeasurement(4_000.0, 64.0, 256, 1_000, 100, 6.4, "cpu");

        Duration bound = new PhasePlan(ramp("100", "50", "400", null, 0), fast).maxP99();

        assertThat(bound).isEqualTo(LoadProfile.Ramp.MIN_DEFAULT_MAX_P99);
    }

    @Test
    void relativeRateWithoutKernelRaises() {
        assertThatThrownBy(() -> new PhasePlan(ramp("0.5x", "50", "400", null, 0), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("relative to the kernel rate");
    }
}
