package io.hopfieldstream.launcher.experiment.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopfieldstream.launcher.experiment.sweep.SweepDefinitionException;
import io.hopfieldstream.launcher.experiment.sweep.SweepExpansion;
import io.hopfieldstream.launcher.experiment.sweep.SweepParser;
import io.hopfieldstream.launcher.experiment.sweep.SweepPlan;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import io.hopfieldstream.schemas.WindowMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SweepRunnerTest {

    private static SweepPlan plan(String series) {
        return SweepExpansion.expand(SweepParser.parse("""
                name: runner
                base: {memory: test:mixed:100}
                series:
                """ + series, "t"), "r");
    }

    @Test
    void failingPointDoesNotStopTheSweep() throws Exception {
        SweepPlan plan = plan("""
                  - name: beta
                    vary: {beta: [8, 16, 32]}
                """);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SweepProgress progress = new SweepProgress(new PrintStream(printed, true, StandardCharsets.UTF_8),
                plan.points(), System::nanoTime);
        SweepRunner.PointExecutor executor = point -> {
            if (point.number() == 1) {
                throw new IllegalStateException("broker unreachable");
            }
            if (point.number() == 2) {
                return PointResult.failed(point, "Timed out after 300 s", null, null, Map.of(), 300);
            }
            return new PointResult(point, null, "run-x", metrics(point), null, null, List.of(), Map.of(), 1);
        };

        Map<Integer, PointResult> results = SweepRunner.runPoints(plan.points(), executor, progress);

        assertThat(results).hasSize(3);
        assertThat(results.get(1).failure()).isEqualTo("broker unreachable");
        assertThat(results.get(2).failure()).isEqualTo("Timed out after 300 s");
        assertThat(results.get(3).succeeded()).isTrue();
        assertThat(progress.failed()).isEqualTo(2);
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("p001 FAILED").contains("p002 FAILED").contains("3/3 points (2 failed)");
    }

    private static WindowMetrics metrics(SweepPoint point) {
        return WindowMetrics.newBuilder()
                .setExperimentId(point.experimentId()).setRunId("run-x").setCorruptionKind("gaussian")
                .setCorruptionLevel(25).setWindowType("cumulative").setWindowStartMs(0).setWindowEndMs(1)
                .setCount(100).setCorrectCount(100).setAccuracy(1).setSimilarityLoss(0).setMeanSimilarity(1)
                .setExactMatchRate(1).setMeanPsnr(100).setLatencyP50Ms(1).setLatencyP95Ms(1).setLatencyP99Ms(1)
                .setThreshold(0.95).setEmittedAtMs(1).build();
    }

    @Test
    void interruptStopsBeforeTheNextPoint() {
        SweepPlan plan = plan("""
                  - name: beta
                    vary: {beta: [8, 16]}
                """);
        SweepProgress progress = new SweepProgress(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), plan.points(), System::nanoTime);
        SweepRunner.PointExecutor executor = point -> {
            Thread.currentThread().interrupt();
            return PointResult.failed(point, "interrupted", null, null, Map.of(), 0);
        };

        assertThatThrownBy(() -> SweepRunner.runPoints(plan.points(), executor, progress))
                .isInstanceOf(InterruptedException.class)
                .hasMessageContaining("before point 2");
        assertThat(Thread.interrupted()).as("clears the flag the test set").isFalse();
    }

    @Test
    void externalServicesNeedFixedRetrievalSettings() {
        SweepPlan plan = plan("""
                  - name: beta
                    vary: {beta: [8, 16]}
                """);
        SweepOptions external = SweepOptions.embedded(Path.of("unused"))
                .withKafka(Map.of("bootstrap.servers", "127.0.0.1:9"), Optional.of("127.0.0.1:9"))
                .withExternalServices(true);

        assertThatThrownBy(() -> SweepRunner.check(plan, external))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("varies retrieval settings");
    }

    @Test
    void externalServicesAcceptMemorySweeps() {
        SweepPlan plan = plan("""
                  - name: sizes
                    vary: {memorySize: [50, 100]}
                """);
        SweepOptions external = SweepOptions.embedded(Path.of("unused"))
                .withKafka(Map.of("bootstrap.servers", "127.0.0.1:9"), Optional.of("127.0.0.1:9"))
                .withExternalServices(true);

        SweepRunner.check(plan, external);

        assertThat(plan.points()).extracting(SweepPoint::number).containsExactly(1, 2);
    }
}
