package io.hopfieldstream.launcher.experiment.report;

import io.hopfieldstream.launcher.experiment.sweep.Metric;
import java.nio.file.Path;

/**
 * A chart written by {@link SweepCharts}.
 *
 * @param plot the plot id the chart draws
 * @param metric the metric on its y axis
 * @param file the PNG file
 * @param title the chart's title
 */
public record ChartFile(String plot, Metric metric, Path file, String title) {
}
