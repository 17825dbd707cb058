package io.hopfieldstream.evaluator.windows;

import io.hopfieldstream.evaluator.scoring.SimilarityMeasure;
import io.hopfieldstream.schemas.WindowMetrics;

import java.util.Objects;

/**
 * Turns the totals of a window into the {@link WindowMetrics} record published on {@code metrics.rolling}.
 *
 * <p>Per window: {@code accuracy = correct / count}, {@code similarityLoss = sum(1 - similarity)}, mean
 * similarity, exact-match rate and mean PSNR over the scored reconstructions, and nearest-rank latency
 * percentiles p50, p95 and p99 over all of them.
 */
public final class WindowMetricsFactory {

    private final SimilarityMeasure measure;
    private final double threshold;

    /**
     * @param measure similarity measure the scores were computed with
     * @param threshold similarity threshold the correct counts were computed with
     */
    public WindowMetricsFactory(SimilarityMeasure measure, double threshold) {
        this.measure = Objects.requireNonNull(measure, "measure");
        this.threshold = threshold;
    }

    /**
     * Builds the record of one window.
     *
     * @param group experiment, run and corruption of the window
     * @param type kind of window
     * @param windowStartMs start, milliseconds since the Unix epoch
     * @param windowEndMs end, milliseconds since the Unix epoch
     * @param totals totals of the reconstructions in the window
     * @param emittedAtMs time of emission, milliseconds since the Unix epoch
     */
    public WindowMetrics create(MetricsGroup group, WindowType type, long windowStartMs, long windowEndMs,
            MetricsAccumulator totals, long emittedAtMs) {
        return WindowMetrics.newBuilder()
                .setExperimentId(group.experimentId())
                .setRunId(group.runId())
                .setCorruptionKind(group.corruptionKind())
                .setCorruptionLevel(group.corruptionLevel())
                .setWindowType(type.id())
                .setWindowStartMs(windowStartMs)
                .setWindowEndMs(windowEndMs)
                .setCount(totals.count())
                .setCorrectCount(totals.correctCount())
                .setAccuracy(totals.accuracy())
                .setSimilarityLoss(totals.similarityLoss())
                .setMeanSimilarity(totals.meanSimilarity())
                .setExactMatchRate(totals.exactMatchRate())
                .setMeanPsnr(totals.meanPsnr())
                .setLatencyP50Ms(totals.latencyPercentileMs(50.0))
                .setLatencyP95Ms(totals.latencyPercentileMs(95.0))
                .setLatencyP99Ms(totals.latencyPercentileMs(99.0))
                .setUnscoredCount(totals.unscoredCount())
                .setMeanAttentionSpread(totals.meanAttentionSpread())
                .setThreshold(threshold)
                .setSimilarity(measure.id())
                .setEmittedAtMs(emittedAtMs)
                .build();
    }

    /**
     * Builds the record of a count or cumulative window, which spans the retrieval times of its reconstructions.
     */
    public WindowMetrics createSpanning(MetricsGroup group, WindowType type, MetricsAccumulator totals,
            long emittedAtMs) {
        return create(group, type, totals.firstRetrievedAtMs(), totals.lastRetrievedAtMs(), totals, emittedAtMs);
    }
}
