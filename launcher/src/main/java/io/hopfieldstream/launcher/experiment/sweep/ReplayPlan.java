package io.hopfieldstream.launcher.experiment.sweep;

import java.util.List;

/**
 * A replay with the point it replays and the settings of each run.
 *
 * @param definition the replay as defined
 * @param point the recorded point
 * @param runs the point's settings with each run's retrieval settings applied
 */
public record ReplayPlan(ReplayDefinition definition, SweepPoint point, List<PointSettings> runs) {

    public ReplayPlan {
        runs = List.copyOf(runs);
    }
}
