package io.hopfieldstream.launcher.experiment.sweep;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A sweep as read from its file: a base point, series of points around it and replays of recorded points.
 *
 * @param name identifier, part of every experiment id: letters, digits and '-'
 * @param title heading of the report
 * @param description what the sweep is for, for the report; may be empty
 * @param seed seed of probe selection and corruption; the same seed and settings give the same probes
 * @param base the point every series starts from
 * @param series the series, in report order
 * @param replays the replays, in report order
 * @param source the file's text, quoted in the report
 */
public record SweepDefinition(
        String name,
        String title,
        String description,
        long seed,
        PointSettings base,
        List<SeriesDefinition> series,
        List<ReplayDefinition> replays,
        String source) {

    /** Copies the lists and checks that names are unique and replays name existing series. */
    public SweepDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
        Objects.requireNonNull(base, "base");
        series = List.copyOf(series);
        replays = List.copyOf(replays);
        source = source == null ? "" : source;
        if (series.isEmpty()) {
            throw new IllegalArgumentException("Sweep '" + name + "' has no series");
        }

        Set<String> names = new HashSet<>();
        for (SeriesDefinition one : series) {
            if (!names.add(one.name())) {
                throw new IllegalArgumentException("Sweep '" + name + "' has two series named '" + one.name() + "'");
            }
        }
        Set<String> replayNames = new HashSet<>();
        for (ReplayDefinition replay : replays) {
            if (!names.contains(replay.series())) {
                throw new IllegalArgumentException("Replay '" + replay.name() + "' names series '" + replay.series()
                        + "', which the sweep does not have");
            }
            if (!replayNames.add(replay.name())) {
                throw new IllegalArgumentException("Sweep '" + name + "' has two replays named '" + replay.name() + "'");
            }
        }
    }

    /** Returns the series with this name. */
    public SeriesDefinition series(String seriesName) {
        return series.stream().filter(one -> one.name().equals(seriesName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No series named '" + seriesName + "'"));
    }
}
