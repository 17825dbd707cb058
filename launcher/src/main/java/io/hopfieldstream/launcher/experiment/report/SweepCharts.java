package io.hopfieldstream.launcher.experiment.report;

import io.hopfieldstream.launcher.experiment.run.PointResult;
import io.hopfieldstream.launcher.experiment.run.SweepResult;
import io.hopfieldstream.launcher.experiment.sweep.Dimension;
import io.hopfieldstream.launcher.experiment.sweep.Metric;
import io.hopfieldstream.launcher.experiment.sweep.SeriesEntry;
import io.hopfieldstream.launcher.experiment.sweep.SeriesPlan;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.corruption.CorruptionStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws the plots of a sweep with XChart: one PNG per plot and metric, the series' x dimension on the x
 * axis, the metric on the y axis, and one line per series line, each with a legend entry. Failed points
 * leave a gap. A categorical x dimension is drawn at positions 1, 2, ... labelled with its values.
 */
public final class SweepCharts {

    static final int WIDTH = 900;
    static final int HEIGHT = 560;

    /** Ratio of the largest to the smallest x value from which the x axis is logarithmic unless set. */
    static final double LOG_AXIS_RATIO = 50;

    private SweepCharts() {
    }

    /** Writes every chart of the sweep into a folder and returns them in series order. */
    public static List<ChartFile> write(SweepResult result, Path folder) {
        List<ChartFile> files = new ArrayList<>();
        for (Map.Entry<String, List<SeriesPlan>> plot : plots(result).entrySet()) {
            Set<Metric> metrics = new LinkedHashSet<>();
            plot.getValue().forEach(series -> metrics.addAll(series.definition().metrics()));
            for (Metric metric : metrics) {
                XYChart chart = chart(result, plot.getValue(), metric);
                if (chart.getSeriesMap().isEmpty()) {
                    continue;
                }
                Path file = folder.resolve(plot.getKey() + "-" + metric.key() + ".png");
                save(chart, file);
                files.add(new ChartFile(plot.getKey(), metric, file, chart.getTitle()));
            }
        }
        return files;
    }

    /** Groups the series that are drawn (those with a varied setting) by plot id, in series order. */
    static Map<String, List<SeriesPlan>> plots(SweepResult result) {
        Map<String, List<SeriesPlan>> plots = new LinkedHashMap<>();
        for (SeriesPlan series : result.plan().series()) {
            if (series.definition().xDimension() != null && !series.definition().metrics().isEmpty()) {
                plots.computeIfAbsent(series.definition().plot(), plot -> new ArrayList<>()).add(series);
            }
        }
        return plots;
    }

    /** Builds the chart of one plot and metric. */
    static XYChart chart(SweepResult result, List<SeriesPlan> plot, Metric metric) {
        Dimension xDimension = plot.get(0).definition().xDimension();
        List<String> categories = categories(plot, xDimension);
        String xTitle = xTitle(plot, xDimension);
        String title = plot.size() == 1 ? plot.get(0).definition().title()
                : capitalized(metric.key()) + " against " + xTitle;

        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(metric.axisTitle()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);

        List<Double> allX = new ArrayList<>();
        List<Double> allY = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SeriesPlan series : plot) {
            for (Map.Entry<String, List<SeriesEntry>> line : lines(series).entrySet()) {
                TreeMap<Double, Double> points = new TreeMap<>();
                for (SeriesEntry entry : line.getValue()) {
                    PointResult outcome = result.result(entry.point());
                    if (outcome == null || !outcome.succeeded()) {
                        continue;
                    }
                    double x = xValue(xDimension, entry.x(), categories);
                    points.put(x, metric.valueOf(outcome.metrics()));
                }
                if (points.isEmpty()) {
                    continue;
                }
                String name = unique(legendName(plot, series, line.getKey()), names);
                chart.addSeries(name, new ArrayList<>(points.keySet()), new ArrayList<>(points.values()));
                allX.addAll(points.keySet());
                allY.addAll(points.values());
            }
        }
        style(chart, plot, metric, categories, allX, allY);
        return chart;
    }

    private static void style(XYChart chart, List<SeriesPlan> plot, Metric metric, List<String> categories,
            List<Double> allX, List<Double> allY) {
        if (allX.isEmpty()) {
            return;
        }
        if (!categories.isEmpty()) {
            chart.getStyler().setXAxisMin(0.5);
            chart.getStyler().setXAxisMax(categories.size() + 0.5);
            chart.getStyler().setxAxisTickLabelsFormattingFunction(value -> {
                int index = (int) Math.round(value) - 1;
                return Math.abs(value - Math.round(value)) < 1e-9 && index >= 0 && index < categories.size()
                        ? categories.get(index) : "";
            });
        } else if (logX(plot, allX)) {
            chart.getStyler().setXAxisLogarithmic(true);
        } else if (allX.stream().distinct().count() == 1) {
            double x = allX.get(0);
            double margin = x == 0 ? 1 : Math.abs(x) * 0.5;
            chart.getStyler().setXAxisMin(x - margin);
            chart.getStyler().setXAxisMax(x + margin);
        }

        double minY = allY.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double maxY = allY.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        switch (metric) {
            case ACCURACY, EXACT_MATCH -> {
                chart.getStyler().setYAxisMin(0.0);
                chart.getStyler().setYAxisMax(1.0);
            }
            case MEAN_SIMILARITY -> {
                chart.getStyler().setYAxisMin(Math.min(0.0, minY));
                chart.getStyler().setYAxisMax(1.0);
            }
            case SIMILARITY_LOSS -> chart.getStyler().setYAxisMin(0.0);
            case ATTENTION_SPREAD -> {
                if (minY >= 1 && maxY / minY >= LOG_AXIS_RATIO) {
                    chart.getStyler().setYAxisLogarithmic(true);
                } else {
                    chart.getStyler().setYAxisMin(0.0);
                }
            }
            default -> {
            }
        }
    }

    private static boolean logX(List<SeriesPlan> plot, List<Double> allX) {
        Boolean chosen = plot.get(0).definition().logX();
        if (chosen != null) {
            return chosen;
        }
        double min = allX.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = allX.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min > 0 && max / min >= LOG_AXIS_RATIO;
    }

    /** Groups a series' entries by line, in the order the lines first appear. */
    static Map<String, List<SeriesEntry>> lines(SeriesPlan series) {
        Map<String, List<SeriesEntry>> lines = new LinkedHashMap<>();
        for (SeriesEntry entry : series.entries()) {
            lines.computeIfAbsent(entry.line(), line -> new ArrayList<>()).add(entry);
        }
        return lines;
    }

    /** Returns the x labels of a categorical dimension in order of appearance, or an empty list for a numeric one. */
    static List<String> categories(List<SeriesPlan> plot, Dimension xDimension) {
        Set<String> labels = new LinkedHashSet<>();
        boolean numeric = true;
        for (SeriesPlan series : plot) {
            for (SeriesEntry entry : series.entries()) {
                OptionalDouble value = xDimension.numeric(entry.x());
                if (value.isEmpty()) {
                    numeric = false;
                }
                labels.add(xDimension.format(entry.x()));
            }
        }
        return numeric ? List.of() : List.copyOf(labels);
    }

    static double xValue(Dimension xDimension, Object x, List<String> categories) {
        if (categories.isEmpty()) {
            return xDimension.numeric(x).orElseThrow();
        }
        return categories.indexOf(xDimension.format(x)) + 1;
    }

    /** Returns the x axis title; for corruptions it names what the level measures. */
    static String xTitle(List<SeriesPlan> plot, Dimension xDimension) {
        if (xDimension != Dimension.CORRUPTION) {
            return xDimension.axisTitle();
        }
        Set<String> kinds = new HashSet<>();
        boolean allMasks = true;
        for (SeriesPlan series : plot) {
            for (SeriesEntry entry : series.entries()) {
                List<CorruptionStep> steps = CorruptionSpec.parse((String) entry.x()).steps();
                kinds.add(steps.isEmpty() ? CorruptionSpec.NONE : steps.get(0).name());
                allMasks &= !steps.isEmpty() && steps.get(0).isMask();
            }
        }
        if (kinds.equals(Set.of("gaussian"))) {
            return "Gaussian noise sigma (pixel levels, 0..255)";
        }
        if (kinds.equals(Set.of("salt-and-pepper"))) {
            return "share of pixels set to black or white (0..1)";
        }
        if (allMasks) {
            return "hidden share of the image (0..1)";
        }
        return "corruption level (sigma in pixel levels, or a share 0..1)";
    }

    private static String legendName(List<SeriesPlan> plot, SeriesPlan series, String line) {
        if (plot.size() == 1) {
            return line.isEmpty() ? series.definition().title() : line;
        }
        String seriesTitle = withoutSharedPrefix(plot, series.definition().title());
        return line.isEmpty() ? seriesTitle : seriesTitle + ": " + line;
    }

    /**
     * Drops a prefix ending in ": " that every series title of the plot starts with, so that "Memory size:
     * mixed classes" and "Memory size: class cat" appear in the legend as "mixed classes" and "class cat".
     */
    static String withoutSharedPrefix(List<SeriesPlan> plot, String title) {
        int colon = title.indexOf(": ");
        if (colon < 0) {
            return title;
        }
        String prefix = title.substring(0, colon + 2);
        boolean shared = plot.stream().allMatch(series -> series.definition().title().startsWith(prefix));
        return shared ? title.substring(prefix.length()) : title;
    }

    private static String unique(String name, Set<String> names) {
        String candidate = name;
        for (int i = 2; !names.add(candidate); i++) {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }

    private static String capitalized(String key) {
        StringBuilder words = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c)) {
                words.append(' ').append(Character.toLowerCase(c));
            } else {
                words.append(c);
            }
        }
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static void save(XYChart chart, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (var output = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(chart, output, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the chart " + file, e);
        }
    }
}
