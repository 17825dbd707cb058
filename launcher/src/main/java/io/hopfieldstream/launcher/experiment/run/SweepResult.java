package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.launcher.experiment.sweep.ReplayPlan;
import io.hopfieldstream.launcher.experiment.sweep.SweepPlan;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a sweep.
 *
 * @param plan the expanded sweep
 * @param points the result of every point, by point number
 * @param replays the outcome of every replay, in definition order
 * @param startedAt when the sweep started
 * @param seconds time the sweep took
 * @param environment where it ran: the machine, the Java runtime and the cluster
 */
public record SweepResult(SweepPlan plan, Map<Integer, PointResult> points, List<ReplayOutcome> replays,
        Instant startedAt, double seconds, String environment) {

    public SweepResult {
        points = java.util.Collections.unmodifiableMap(new TreeMap<>(points));
        replays = List.copyOf(replays);
    }

    /** Returns the result of a point. */
    public PointResult result(SweepPoint point) {
        return points.get(point.number());
    }

    /** Returns the number of points that failed. */
    public long failedPoints() {
        return points.values().stream().filter(result -> !result.succeeded()).count();
    }

    /**
     * A replay and what came of it.
     *
     * @param plan the replay as planned
     * @param result its result, or null when it could not run
     * @param failure why it could not run, or null
     */
    public record ReplayOutcome(ReplayPlan plan, ReplayResult result, String failure) {
    }
}
