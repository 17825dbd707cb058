package io.hopfieldstream.launcher.experiment.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One series of a sweep: points around the sweep's base point that vary one or two settings.
 *
 * <p>Either {@code vary} lists one or two dimensions with their values (the points are every
 * combination, the first dimension is the x axis and the second, if any, gives one line per value),
 * optionally with {@code lines}, settings that give one more line each; or {@code points} lists the
 * points one by one, each a set of settings, for a table without a plot.
 *
 * @param name identifier: lower-case letters, digits and '-'
 * @param title heading in the report
 * @param question what the series answers, for the report; may be empty
 * @param plot identifier of the chart the series is drawn in; series with the same plot share a chart
 * @param set settings applied to the base point before the varied ones
 * @param vary dimensions and their values, in order; at most two
 * @param lines further settings, one line of the chart each; empty for none
 * @param points explicit points, each a set of settings; empty when {@code vary} is used
 * @param metrics the metrics plotted, one chart each
 * @param logX whether the x axis is logarithmic; null chooses it from the values
 */
public record SeriesDefinition(
        String name,
        String title,
        String question,
        String plot,
        Map<Dimension, Object> set,
        Map<Dimension, List<Object>> vary,
        List<Map<Dimension, Object>> lines,
        List<Map<Dimension, Object>> points,
        List<Metric> metrics,
        Boolean logX) {

    /** Copies the collections and checks that the series is either varied or listed. */
    public SeriesDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        question = question == null ? "" : question;
        plot = plot == null ? name : plot;
        set = Map.copyOf(set);
        vary = copyOrdered(vary);
        lines = lines.stream().map(SeriesDefinition::copyOrderedSettings).toList();
        points = points.stream().map(SeriesDefinition::copyOrderedSettings).toList();
        metrics = List.copyOf(metrics);
        if (vary.isEmpty() == points.isEmpty()) {
            throw new IllegalArgumentException("Series '" + name + "' needs either 'vary' or 'points', not both");
        }
        if (vary.size() > 2) {
            throw new IllegalArgumentException("Series '" + name + "' varies " + vary.size()
                    + " settings: at most 2 are allowed (use more series instead)");
        }
        if (!lines.isEmpty() && vary.size() != 1) {
            throw new IllegalArgumentException("Series '" + name + "' has 'lines', which need exactly one varied setting");
        }
    }

    /** Returns the dimension on the x axis, or null for a series of listed points. */
    public Dimension xDimension() {
        return vary.isEmpty() ? null : vary.keySet().iterator().next();
    }

    private static Map<Dimension, List<Object>> copyOrdered(Map<Dimension, List<Object>> map) {
        Map<Dimension, List<Object>> copy = new LinkedHashMap<>();
        map.forEach((dimension, values) -> copy.put(dimension, List.copyOf(values)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static Map<Dimension, Object> copyOrderedSettings(Map<Dimension, Object> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
