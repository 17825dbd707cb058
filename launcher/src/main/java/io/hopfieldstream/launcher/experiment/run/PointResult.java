package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.launcher.demo.Triplet;
import io.hopfieldstream.launcher.experiment.stats.MemoryStatistics;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import io.hopfieldstream.schemas.WindowMetrics;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one point.
 *
 * @param point the point
 * @param failure why the point failed, or null when it finished
 * @param runId the retrieval run whose metrics were read, or null when none was
 * @param metrics the run's cumulative metrics as read from the metrics topic, or null when the point failed
 * @param memoryStatistics the correlation statistics of the point's memory, or null when not computed
 * @param probeDigest SHA-256 of the published probe records, or null when none were published
 * @param samples sample triplets (original, probe, reconstruction) for the report
 * @param deadLetters dead letters of the point's probes and reconstructions by reason
 * @param seconds time the point took
 */
public record PointResult(
        SweepPoint point,
        String failure,
        String runId,
        WindowMetrics metrics,
        MemoryStatistics memoryStatistics,
        String probeDigest,
        List<Triplet> samples,
        Map<String, Long> deadLetters,
        double seconds) {

    public PointResult {
        samples = List.copyOf(samples);
        deadLetters = Map.copyOf(deadLetters);
    }

    /** Returns a result for a point that failed. */
    public static PointResult failed(SweepPoint point, String failure, MemoryStatistics memoryStatistics,
            String probeDigest, Map<String, Long> deadLetters, double seconds) {
        return new PointResult(point, failure, null, null, memoryStatistics, probeDigest, List.of(), deadLetters,
                seconds);
    }

    /** Returns whether the point finished with metrics. */
    public boolean succeeded() {
        return failure == null;
    }
}
