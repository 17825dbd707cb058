package io.hopfieldstream.launcher.experiment.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep expanded into its points, with the series and replays that show them.
 *
 * @param definition the sweep as defined
 * @param sweepId identifier of this run of the sweep, the prefix of its experiment ids
 * @param points every distinct point, in number order
 * @param series the series, in definition order
 * @param replays the replays, in definition order
 */
public record SweepPlan(SweepDefinition definition, String sweepId, List<SweepPoint> points,
        List<SeriesPlan> series, List<ReplayPlan> replays) {

    /** Orders points by their retrieval settings, so equal settings are neighbours. */
    private static final Comparator<PointSettings> RETRIEVAL_ORDER = Comparator
            .comparingDouble(PointSettings::beta)
            .thenComparingInt(PointSettings::iterations)
            .thenComparingDouble(PointSettings::tolerance)
            .thenComparing(PointSettings::normalization)
            .thenComparing(PointSettings::maskAware);

    public SweepPlan {
        points = List.copyOf(points);
        series = List.copyOf(series);
        replays = List.copyOf(replays);
    }

    /**
     * Returns the points in the order they run, which changes the pipeline as little as possible between
     * points. They are grouped by similarity threshold, because the evaluator restarts when it changes. Then
     * they are grouped by memory family, the families of smaller memories first and sizes ascending within a
     * family, so a memory switch mostly adds images to the previous one. Last they are grouped by retrieval
     * settings, because points with the same memory and settings share one retriever.
     */
    public List<SweepPoint> executionOrder() {
        Map<String, Integer> largestInFamily = new HashMap<>();
        for (SweepPoint point : points) {
            largestInFamily.merge(point.settings().memory().family(), point.settings().memory().size(), Math::max);
        }
        List<SweepPoint> ordered = new ArrayList<>(points);
        ordered.sort(Comparator
                .comparingDouble((SweepPoint point) -> point.settings().threshold())
                .thenComparingInt(point -> largestInFamily.get(point.settings().memory().family()))
                .thenComparing(point -> point.settings().memory().family())
                .thenComparingInt(point -> point.settings().memory().size())
                .thenComparing(SweepPoint::settings, RETRIEVAL_ORDER)
                .thenComparingInt(SweepPoint::number));
        return ordered;
    }

    /** Returns the total number of probes over all points. */
    public long totalProbes() {
        return points.stream().mapToLong(point -> point.settings().probes()).sum();
    }
}
