package io.hopfieldstream.launcher.experiment.report;

import io.hopfieldstream.launcher.experiment.run.PointResult;
import io.hopfieldstream.launcher.experiment.run.ReplayResult;
import io.hopfieldstream.launcher.experiment.run.SweepResult;
import io.hopfieldstream.launcher.experiment.stats.MemoryStatistics;
import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.launcher.experiment.sweep.SeriesEntry;
import io.hopfieldstream.launcher.experiment.sweep.SeriesPlan;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import io.hopfieldstream.schemas.WindowMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the results of a sweep as CSV: {@value #POINTS_FILE} with one row per point and
 * {@value #REPLAYS_FILE} with one row per run of each replay.
 */
public final class ResultsCsv {

    /** File name of the points table. */
    public static final String POINTS_FILE = "points.csv";

    /** File name of the replays table. */
    public static final String REPLAYS_FILE = "replays.csv";

    static final List<String> POINT_COLUMNS = List.of("point", "experiment_id", "series", "status", "failure",
            "memory", "memory_size", "memory_classes", "memory_source", "corruption", "corruption_kind",
            "corruption_level", "fill", "beta", "iterations", "tolerance", "normalization", "mask_aware", "threshold",
            "probes", "run_id", "count", "correct", "accuracy", "similarity_loss", "similarity_loss_per_probe",
            "mean_similarity", "exact_match_rate", "mean_psnr_db", "mean_attention_spread", "latency_p50_ms",
            "latency_p99_ms", "memory_mean_correlation", "memory_max_correlation", "memory_min_separation",
            "memory_mean_separation", "memory_statistics", "probe_digest", "seconds");

    static final List<String> REPLAY_COLUMNS = List.of("replay", "experiment_id", "run_id", "role", "beta",
            "iterations", "tolerance", "normalization", "mask_aware", "count", "accuracy", "similarity_loss_per_probe",
            "exact_match_rate", "mean_attention_spread", "reconstructed", "recorded_probes_seen",
            "same_retrieved_as_original", "same_pixels_as_original", "recorded_digest", "digest_matches", "failure");

    private ResultsCsv() {
    }

    /** Writes both tables into a folder and returns their paths. */
    public static List<Path> write(SweepResult result, Path folder) {
        Path points = folder.resolve(POINTS_FILE);
        pointsTable(result).write(points);
        Path replays = folder.resolve(REPLAYS_FILE);
        replaysTable(result).write(replays);
        return List.of(points, replays);
    }

    /** Returns the points table, one row per point in point number order. */
    static CsvTable pointsTable(SweepResult result) {
        Map<Integer, Set<String>> seriesByPoint = new TreeMap<>();
        for (SeriesPlan series : result.plan().series()) {
            for (SeriesEntry entry : series.entries()) {
                seriesByPoint.computeIfAbsent(entry.point().number(), number -> new LinkedHashSet<>())
                        .add(series.definition().name());
            }
        }

        CsvTable table = new CsvTable(POINT_COLUMNS);
        for (SweepPoint point : result.plan().points()) {
            PointResult outcome = result.result(point);
            table.add(pointRow(point, outcome, String.join(";", seriesByPoint.getOrDefault(point.number(), Set.of()))));
        }
        return table;
    }

    private static List<String> pointRow(SweepPoint point, PointResult outcome, String series) {
        PointSettings settings = point.settings();
        List<String> row = new ArrayList<>();
        row.add(String.valueOf(point.number()));
        row.add(point.experimentId());
        row.add(series);
        row.add(outcome == null ? "not run" : outcome.succeeded() ? "ok" : "failed");
        row.add(outcome == null || outcome.failure() == null ? "" : outcome.failure());
        row.add(settings.memory().text());
        row.add(String.valueOf(settings.memory().size()));
        row.add(settings.memory().classes());
        row.add(settings.memory().source().id());
        row.add(settings.corruption());
        row.add(settings.corruptionSpec().kind());
        row.add(Numbers.plain(settings.corruptionSpec().level()));
        row.add(settings.fill().id());
        row.add(Numbers.plain(settings.beta()));
        row.add(String.valueOf(settings.iterations()));
        row.add(Numbers.plain(settings.tolerance()));
        row.add(settings.normalization().name().toLowerCase(Locale.ROOT));
        row.add(String.valueOf(settings.maskAware()));
        row.add(Numbers.plain(settings.threshold()));
        row.add(String.valueOf(settings.probes()));

        WindowMetrics metrics = outcome == null ? null : outcome.metrics();
        row.add(outcome == null || outcome.runId() == null ? "" : outcome.runId());
        if (metrics == null) {
            for (int i = 0; i < 11; i++) {
                row.add("");
            }
        } else {
            row.add(String.valueOf(metrics.getCount()));
            row.add(String.valueOf(metrics.getCorrectCount()));
            row.add(Numbers.csv(metrics.getAccuracy()));
            row.add(Numbers.csv(metrics.getSimilarityLoss()));
            row.add(Numbers.csv(metrics.getCount() == 0 ? Double.NaN : metrics.getSimilarityLoss() / metrics.getCount()));
            row.add(Numbers.csv(metrics.getMeanSimilarity()));
            row.add(Numbers.csv(metrics.getExactMatchRate()));
            row.add(Numbers.csv(metrics.getMeanPsnr()));
            row.add(Numbers.csv(metrics.getMeanAttentionSpread()));
            row.add(Numbers.csv(metrics.getLatencyP50Ms()));
            row.add(Numbers.csv(metrics.getLatencyP99Ms()));
        }

        MemoryStatistics statistics = outcome == null ? null : outcome.memoryStatistics();
        if (statistics == null) {
            for (int i = 0; i < 5; i++) {
                row.add("");
            }
        } else {
            row.add(Numbers.csv(statistics.meanCorrelation()));
            row.add(Numbers.csv(statistics.maxCorrelation()));
            row.add(Numbers.csv(statistics.minSeparation()));
            row.add(Numbers.csv(statistics.meanSeparation()));
            row.add(statistics.method());
        }
        row.add(outcome == null || outcome.probeDigest() == null ? "" : outcome.probeDigest());
        row.add(outcome == null ? "" : Numbers.fixed(outcome.seconds(), 1));
        return row;
    }

    /** Returns the replays table, one row per run of each replay. */
    static CsvTable replaysTable(SweepResult result) {
        CsvTable table = new CsvTable(REPLAY_COLUMNS);
        for (SweepResult.ReplayOutcome outcome : result.replays()) {
            String name = outcome.plan().definition().name();
            String experimentId = outcome.plan().point().experimentId();
            if (outcome.result() == null) {
                List<String> row = new ArrayList<>();
                row.add(name);
                row.add(experimentId);
                while (row.size() < REPLAY_COLUMNS.size() - 1) {
                    row.add("");
                }
                row.add(outcome.failure());
                table.add(row);
                continue;
            }
            for (ReplayResult.RunComparison run : outcome.result().runs()) {
                table.add(replayRow(name, experimentId, outcome.result(), run));
            }
        }
        return table;
    }

    static List<String> replayRow(String name, String experimentId, ReplayResult result,
            ReplayResult.RunComparison run) {
        List<String> row = new ArrayList<>();
        row.add(name);
        row.add(experimentId);
        row.add(run.runId() == null ? "" : run.runId());
        row.add(run.role());
        PointSettings settings = run.settings();
        row.add(settings == null ? "" : Numbers.plain(settings.beta()));
        row.add(settings == null ? "" : String.valueOf(settings.iterations()));
        row.add(settings == null ? "" : Numbers.plain(settings.tolerance()));
        row.add(settings == null ? "" : settings.normalization().name().toLowerCase(Locale.ROOT));
        row.add(settings == null ? "" : String.valueOf(settings.maskAware()));
        WindowMetrics metrics = run.metrics();
        row.add(metrics == null ? "" : String.valueOf(metrics.getCount()));
        row.add(metrics == null ? "" : Numbers.csv(metrics.getAccuracy()));
        row.add(metrics == null || metrics.getCount() == 0 ? ""
                : Numbers.csv(metrics.getSimilarityLoss() / metrics.getCount()));
        row.add(metrics == null ? "" : Numbers.csv(metrics.getExactMatchRate()));
        row.add(metrics == null ? "" : Numbers.csv(metrics.getMeanAttentionSpread()));
        row.add(String.valueOf(run.reconstructed()));
        row.add(String.valueOf(run.recordedProbesSeen()));
        row.add(run.sameRetrievedAsOriginal() < 0 ? "" : String.valueOf(run.sameRetrievedAsOriginal()));
        row.add(run.samePixelsAsOriginal() < 0 ? "" : String.valueOf(run.samePixelsAsOriginal()));
        row.add(result.recordedDigest());
        row.add(result.digestMatches() == null ? "" : String.valueOf(result.digestMatches()));
        row.add(run.failure() == null ? "" : run.failure());
        return row;
    }
}
