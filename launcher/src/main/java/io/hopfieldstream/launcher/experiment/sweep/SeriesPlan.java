package io.hopfieldstream.launcher.experiment.sweep;

import java.util.List;

/**
 * A series with its points in the order it lists them.
 *
 * @param definition the series as defined
 * @param entries its points
 */
public record SeriesPlan(SeriesDefinition definition, List<SeriesEntry> entries) {

    public SeriesPlan {
        entries = List.copyOf(entries);
    }
}
