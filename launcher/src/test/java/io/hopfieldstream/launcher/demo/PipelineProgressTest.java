package io.hopfieldstream.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.schemas.WindowMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineProgressTest {

    private static final CorruptionKey NOISE = new CorruptionKey("gaussian", 25.0);
    private static final CorruptionKey HALF = new CorruptionKey("lower-half", 0.5);

    private static WindowMetrics total(long scored, long unscored) {
        return WindowMetrics.newBuilder()
                .setExperimentId("exp").setRunId("run").setCorruptionKind("k").setCorruptionLevel(0)
                .setWindowType("cumulative").setWindowStartMs(0).setWindowEndMs(1)
                .setCount(scored).setUnscoredCount(unscored).setCorrectCount(scored).setAccuracy(1)
                .setSimilarityLoss(0).setMeanSimilarity(1).setExactMatchRate(1).setMeanPsnr(100)
                .setLatencyP50Ms(1).setLatencyP95Ms(1).setLatencyP99Ms(1).setThreshold(0.95).setEmittedAtMs(1)
                .build();
    }

    private static PipelineWatcher.Progress progress(Map<CorruptionKey, Long> reconstructed,
            Map<CorruptionKey, WindowMetrics> cumulative) {
        long reconstructions = reconstructed.values().stream().mapToLong(Long::longValue).sum();
        return new PipelineWatcher.Progress(reconstructions, reconstructions, 0, 0, 0, reconstructed, reconstructed,
                Map.of(), cumulative);
    }

    @Test
    void caughtUpWhenTotalsCountAll() {
        PipelineWatcher.Progress progress = progress(Map.of(NOISE, 10L, HALF, 5L),
                Map.of(NOISE, total(10, 0), HALF, total(3, 2)));

        assertThat(progress.metricsCaughtUp()).isTrue();
    }

    @Test
    void behindWhileTotalsLag() {
        PipelineWatcher.Progress progress = progress(Map.of(NOISE, 10L, HALF, 5L),
                Map.of(NOISE, total(10, 0), HALF, total(4, 0)));

        assertThat(progress.metricsCaughtUp()).isFalse();
    }

    @Test
    void behindWithoutTotalsOfCorruption() {
        PipelineWatcher.Progress progress = progress(Map.of(NOISE, 10L, HALF, 5L), Map.of(NOISE, total(10, 0)));

        assertThat(progress.metricsCaughtUp()).isFalse();
    }

    @Test
    void behindBeforeAnyReconstruction() {
        assertThat(progress(Map.of(), Map.of()).metricsCaughtUp()).isFalse();
    }
}
