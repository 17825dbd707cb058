package io.hopfieldstream.launcher.demo;

import io.hopfieldstream.schemas.WindowMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Formats the demo's live progress line and its final table for a terminal. */
public final class DemoReport {

    private static final String[] SUMMARY_HEADER = {
            "corruption", "count", "accuracy", "similarity loss", "mean similarity", "exact match", "p50 ms", "p99 ms"
    };

    private DemoReport() {
    }

    /**
     * Formats one progress line: elapsed time, probes sent, reconstructions received, the
     * reconstruction rate since the previous line, then accuracy and similarity loss of each
     * corruption's rolling window.
     */
    public static String liveLine(double elapsedSeconds, long probesSent, long probesPlanned, long reconstructions,
            double imagesPerSecond, Map<CorruptionKey, WindowMetrics> rolling) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "[%5.1f s] probes %d/%d, reconstructions %d, %.0f images/s",
                elapsedSeconds, probesSent, probesPlanned, reconstructions, imagesPerSecond));
        for (Map.Entry<CorruptionKey, WindowMetrics> entry : rolling.entrySet()) {
            WindowMetrics metrics = entry.getValue();
            line.append(String.format(Locale.ROOT, " | %s: accuracy %.3f, loss %.2f",
                    entry.getKey().label(), metrics.getAccuracy(), metrics.getSimilarityLoss()));
        }
        return line.toString();
    }

    /** Formats one row per corruption from its cumulative metrics, as an aligned text table. */
    public static String summaryTable(Map<CorruptionKey, WindowMetrics> cumulative) {
        List<String[]> rows = new ArrayList<>();
        rows.add(SUMMARY_HEADER);
        for (Map.Entry<CorruptionKey, WindowMetrics> entry : cumulative.entrySet()) {
            WindowMetrics metrics = entry.getValue();
            rows.add(new String[] {
                    entry.getKey().label(),
                    Long.toString(metrics.getCount()),
                    format("%.3f", metrics.getAccuracy()),
                    format("%.2f", metrics.getSimilarityLoss()),
                    format("%.4f", metrics.getMeanSimilarity()),
                    format("%.3f", metrics.getExactMatchRate()),
                    format("%.0f", metrics.getLatencyP50Ms()),
                    format("%.0f", metrics.getLatencyP99Ms())
            });
        }
        return align(rows);
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    /** Left-aligns the first column and right-aligns the others, with a rule under the header. */
    private static String align(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int column = 0; column < columns; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }

        StringBuilder table = new StringBuilder();
        for (int index = 0; index < rows.size(); index++) {
            String[] row = rows.get(index);
            for (int column = 0; column < columns; column++) {
                String pattern = column == 0 ? "%-" + widths[column] + "s" : "  %" + widths[column] + "s";
                table.append(String.format(Locale.ROOT, pattern, row[column]));
            }
            table.append(System.lineSeparator());
            if (index == 0) {
                int total = 0;
                for (int width : widths) {
                    total += width;
                }
                table.append("-".repeat(total + 2 * (columns - 1))).append(System.lineSeparator());
            }
        }
        return table.toString();
    }
}
