package io.hopfieldstream.launcher.stress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepVerdictTest {

    @Test
    void keptUpStepIsSustainable() {
        StepVerdict verdict = StepVerdict.judge(300.0, 296.0, 40, 60, 700, 1_480, 256, 1_000);

        assertThat(verdict.sustainable()).isTrue();
        assertThat(verdict.reason()).startsWith("sustainable:").contains("p99 700 ms within 1000 ms");
    }

    @Test
    void slowReconstructionFailsStep() {
        StepVerdict verdict = StepVerdict.judge(300.0, 250.0, 40, 60, 700, 1_250, 256, 1_000);

        assertThat(verdict.sustainable()).isFalse();
        assertThat(verdict.reason()).contains("resolved 250.0/s of 300.0/s acknowledged");
    }

    @Test
    void growingLagFailsStep() {
        StepVerdict verdict = StepVerdict.judge(300.0, 299.0, 100, 400, 700, 1_480, 256, 1_000);

        assertThat(verdict.sustainable()).isFalse();
        assertThat(verdict.reason()).contains("lag grew from 100 to 400");
    }

    @Test
    void unknownLagDoesNotFailStep() {
        StepVerdict verdict = StepVerdict.judge(300.0, 299.0, -1, -1, 700, 1_480, 256, 1_000);

        assertThat(verdict.sustainable()).isTrue();
    }

    @Test
    void latencyAboveBoundFailsStep() {
        StepVerdict verdict = StepVerdict.judge(300.0, 299.0, 100, 120, 1_500, 1_480, 256, 1_000);

        assertThat(verdict.sustainable()).isFalse();
        assertThat(verdict.reason()).contains("p99 1500 ms above the bound of 1000 ms");
    }

    @Test
    void stepWithoutReconstructionsFails() {
        StepVerdict verdict = StepVerdict.judge(0.0, 0.0, 0, 0, 0, 0, 256, 1_000);

        assertThat(verdict.sustainable()).isFalse();
        assertThat(verdict.reason()).contains("no reconstruction read");
    }

    @Test
    void everyFailureIsListed() {
        StepVerdict verdict = StepVerdict.judge(500.0, 300.0, 100, 2_000, 9_000, 1_500, 256, 1_000);

        assertThat(verdict.reason()).contains("resolved").contains("lag grew").contains("p99 9000 ms");
    }
}
