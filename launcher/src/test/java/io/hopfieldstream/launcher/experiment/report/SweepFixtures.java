package io.hopfieldstream.launcher.experiment.report;

import io.hopfieldstream.launcher.demo.Triplet;
import io.hopfieldstream.launcher.experiment.run.PointResult;
import io.hopfieldstream.launcher.experiment.run.SweepResult;
import io.hopfieldstream.launcher.experiment.stats.MemoryStatistics;
import io.hopfieldstream.launcher.experiment.sweep.SweepExpansion;
import io.hopfieldstream.launcher.experiment.sweep.SweepParser;
import io.hopfieldstream.launcher.experiment.sweep.SweepPlan;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import io.hopfieldstream.schemas.WindowMetrics;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Sweep results made up for the report writers' tests: no pipeline runs, the metrics follow a rule. */
final class SweepFixtures {

    static final String SWEEP = """
            name: fixture
            title: Fixture sweep
            description: Made-up numbers for tests.
            base:
              memory: test:mixed:1000
              corruption: gaussian:25
              probes: 300
            series:
              - name: beta
                title: Beta
                question: How does beta matter?
                vary:
                  beta: [8, 32, 128]
                lines:
                  - {corruption: gaussian:25}
                  - {corruption: lower-half, maskAware: false}
                metrics: [accuracy, meanAttentionSpread]
              - name: norm
                title: Normalisation
                vary:
                  normalization: [none, center_unit]
              - name: reference
                title: Reference
                points:
                  - {corruption: gaussian:100, beta: 32}
            """;

    private SweepFixtures() {
    }

    static SweepPlan plan() {
        return SweepExpansion.expand(SweepParser.parse(SWEEP, "fixture"), "fixture-1");
    }

    /**
     * Returns results whose accuracy and exact-match rate are {@code accuracy(point)}, whose attention spread is
     * 100 / beta, and where the points listed in {@code failed} failed.
     */
    static SweepResult result(SweepPlan plan, ToDoubleFunction<SweepPoint> accuracy, List<Integer> failed) {
        Map<Integer, PointResult> results = new HashMap<>();
        for (SweepPoint point : plan.points()) {
            MemoryStatistics statistics = new MemoryStatistics(1000, 1000, true, 0.12, 0.97, 0.03, 0.31);
            if (failed.contains(point.number())) {
                results.put(point.number(), PointResult.failed(point, "Timed out after 300 s", statistics, null,
                        Map.of(), 301.5));
                continue;
            }
            double value = accuracy.applyAsDouble(point);
            results.put(point.number(), new PointResult(point, null, "run-abc", metrics(point, value), statistics,
                    "00ff", List.of(triplet(point)), Map.of(), 2.5));
        }
        return new SweepResult(plan, results, List.of(), Instant.parse("2026-01-01T12:00:00Z"), 600,
                "2 CPU cores, test");
    }

    static WindowMetrics metrics(SweepPoint point, double accuracy) {
        long count = point.settings().probes();
        long correct = Math.round(accuracy * count);
        return WindowMetrics.newBuilder()
                .setExperimentId(point.experimentId())
                .setRunId("run-abc")
                .setCorruptionKind(point.settings().corruptionSpec().kind())
                .setCorruptionLevel(point.settings().corruptionSpec().level())
                .setWindowType("cumulative")
                .setWindowStartMs(0)
                .setWindowEndMs(1)
                .setCount(count)
                .setCorrectCount(correct)
                .setAccuracy(accuracy)
                .setSimilarityLoss(count * (1 - accuracy) * 0.1)
                .setMeanSimilarity(0.9)
                .setExactMatchRate(accuracy)
                .setMeanPsnr(30)
                .setLatencyP50Ms(10)
                .setLatencyP95Ms(20)
                .setLatencyP99Ms(30)
                .setUnscoredCount(0)
                .setMeanAttentionSpread(100.0 / point.settings().beta())
                .setThreshold(0.95)
                .setSimilarity("pearson")
                .setEmittedAtMs(2)
                .build();
    }

    private static Triplet triplet(SweepPoint point) {
        byte[] pixels = new byte[3072];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * point.number());
        }
        return new Triplet(point.settings().probeLabel(), 3, pixels, pixels, pixels, true, 0.9);
    }
}
