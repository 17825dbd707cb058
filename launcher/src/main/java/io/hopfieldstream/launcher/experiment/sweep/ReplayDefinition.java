package io.hopfieldstream.launcher.experiment.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays of one recorded point of a sweep: its probes are retrieved again from the recorded
 * {@code images.corrupted} records with other retrieval settings, each under a new run id.
 *
 * @param name identifier: lower-case letters, digits and '-'
 * @param title heading in the report
 * @param series the series the replayed point belongs to
 * @param point position of the point within that series, 1-based, in the order the series lists them
 * @param runs retrieval settings of each replay run; only beta, iterations, tolerance, normalization and
 *     maskAware may change
 */
public record ReplayDefinition(String name, String title, String series, int point, List<Map<Dimension, Object>> runs) {

    /** Copies the runs and checks that they change retrieval settings only. */
    public ReplayDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(series, "series");
        if (point < 1) {
            throw new IllegalArgumentException("Replay '" + name + "': invalid point " + point + ": expected 1 or more");
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("Replay '" + name + "' lists no runs");
        }
        for (Map<Dimension, Object> run : runs) {
            for (Dimension dimension : run.keySet()) {
                if (!dimension.retrievalOnly()) {
                    throw new IllegalArgumentException("Replay '" + name + "' changes " + dimension.key()
                            + ", but a replay retrieves the recorded probes from the same memory and evaluator: only "
                            + "beta, iterations, tolerance, normalization and maskAware may change");
                }
            }
        }
        runs = runs.stream().map(run -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(run))).toList();
    }
}
