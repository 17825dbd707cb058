package io.hopfieldstream.launcher.experiment.report;

import io.hopfieldstream.launcher.experiment.run.PointResult;
import io.hopfieldstream.launcher.experiment.run.ReplayResult;
import io.hopfieldstream.launcher.experiment.run.SweepResult;
import io.hopfieldstream.launcher.experiment.stats.MemoryStatistics;
import io.hopfieldstream.launcher.experiment.sweep.Dimension;
import io.hopfieldstream.launcher.experiment.sweep.Metric;
import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.launcher.experiment.sweep.SeriesEntry;
import io.hopfieldstream.launcher.experiment.sweep.SeriesPlan;
import io.hopfieldstream.launcher.experiment.sweep.SweepDefinition;
import io.hopfieldstream.schemas.WindowMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the Markdown report of a sweep with its CSV tables, charts, sample grids and manifest.
 *
 * <p>The report holds: how to regenerate it, where it ran, what the pipeline did, one section per series
 * (its question, a summary of each line, its charts and its table), the correlation statistics of every
 * memory, the comparison with the reference figures, the replays, the failed points and the sweep file.
 */
public final class ExperimentReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final SweepResult result;
    private final Path reportFile;
    private final Path assets;
    private final String command;
    private final List<ChartFile> charts;
    private final List<SampleGrids.Grid> grids;

    private ExperimentReport(SweepResult result, Path reportFile, Path assets, String command, List<ChartFile> charts,
            List<SampleGrids.Grid> grids) {
        this.result = result;
        this.reportFile = reportFile;
        this.assets = assets;
        this.command = command;
        this.charts = charts;
        this.grids = grids;
    }

    /**
     * Writes the report and everything it links.
     *
     * @param result the sweep's results
     * @param reportFile the Markdown file
     * @param assets the folder of the CSV tables, charts, sample grids and manifest
     * @param command the command that regenerates the report, quoted in it
     * @param memoryTopic the memory topic the sweep used, recorded in the manifest
     * @return the Markdown file
     */
    public static Path write(SweepResult result, Path reportFile, Path assets, String command, String memoryTopic) {
        ResultsCsv.write(result, assets);
        ExperimentManifest.write(result, memoryTopic, assets);
        List<ChartFile> charts = SweepCharts.write(result, assets);
        List<SampleGrids.Grid> grids = SampleGrids.write(result, assets);
        ExperimentReport report = new ExperimentReport(result, reportFile, assets, command, charts, grids);
        try {
            Path parent = reportFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(reportFile, report.markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the report " + reportFile, e);
        }
        return reportFile;
    }

    /** Returns the report's Markdown text. */
    String markdown() {
        SweepDefinition definition = result.plan().definition();
        StringBuilder text = new StringBuilder();
        text.append("# ").append(definition.title()).append("\n\n");
        if (!definition.description().isBlank()) {
            text.append(definition.description().strip()).append("\n\n");
        }
        overview(text);
        for (SeriesPlan series : result.plan().series()) {
            series(text, series);
        }
        memoryStatistics(text);
        reference(text);
        replays(text);
        samples(text);
        failures(text);
        sweepFile(text);
        return text.toString();
    }

    private void overview(StringBuilder text) {
        long failed = result.failedPoints();
        text.append("Sweep `").append(result.plan().sweepId()).append("`, run on ")
                .append(TIME.format(result.startedAt())).append(" in ").append(minutes(result.seconds()))
                .append(": ").append(result.points().size()).append(" points, ").append(failed).append(" failed, ")
                .append(Numbers.grouped(result.plan().totalProbes())).append(" probes. Machine: ")
                .append(result.environment()).append(".\n\n");

        text.append("Regenerate this report (it takes the whole machine while it runs):\n\n```\n").append(command)
                .append("\n```\n\n");

        text.append("""
                ## How the numbers were measured

                Every point ran through the real pipeline. The sweep replaced the bank on the compacted memory topic \
                with the point's memory (tombstones for the images the point does not store, records for the ones \
                the topic lacked). After a switch it started an evaluator, which reads that topic into its table \
                of originals before it scores, and a retriever that read the topic to its end (its memory \
                fingerprint had to equal the published bank's, or the point failed). It published the point's \
                probes under their own experiment id, and waited until the evaluator's cumulative metrics for the retriever's run on \
                `metrics.rolling` counted every probe. Those metrics, read back from the topic like any client \
                reads them, are the numbers below. Accuracy is the share of reconstructions whose Pearson \
                correlation with the stored original reaches the threshold; similarity loss per probe is the mean \
                of (1 - correlation); exact match is the share whose largest attention weight is on the probe's \
                own image; attention spread is the mean number of stored images holding 90%% of the attention \
                (1 for a clean retrieval, more for a mixture, a metastable state). Points that differ only in \
                retrieval or scoring settings were probed with the same images and the same corruption seeds.

                The CSV tables hold every number: [points.csv](%s), [replays.csv](%s).

                """.formatted(link(assets.resolve(ResultsCsv.POINTS_FILE)), link(assets.resolve(ResultsCsv.REPLAYS_FILE))));
    }

    private void series(StringBuilder text, SeriesPlan series) {
        text.append("## ").append(series.definition().title()).append("\n\n");
        if (!series.definition().question().isBlank()) {
            text.append("*").append(series.definition().question().strip()).append("*\n\n");
        }
        Dimension x = series.definition().xDimension();
        if (x != null) {
            for (Map.Entry<String, List<SeriesEntry>> line : SweepCharts.lines(series).entrySet()) {
                String summary = lineSummary(x, line.getValue());
                if (!summary.isEmpty()) {
                    text.append("- ").append(line.getKey().isEmpty() ? "Accuracy" : line.getKey() + ": accuracy")
                            .append(' ').append(summary).append('\n');
                }
            }
            text.append('\n');
        }
        for (ChartFile chart : charts) {
            if (chart.plot().equals(series.definition().plot()) && firstOfPlot(series)) {
                text.append("![").append(chart.title()).append(" (").append(chart.metric().key()).append(")](")
                        .append(link(chart.file())).append(")\n\n");
            }
        }
        text.append(seriesTable(series).text()).append('\n');
    }

    /** Returns whether a series is the first of its plot, which shows the plot's charts. */
    private boolean firstOfPlot(SeriesPlan series) {
        for (SeriesPlan other : result.plan().series()) {
            if (other.definition().plot().equals(series.definition().plot())) {
                return other == series;
            }
        }
        return false;
    }

    private String lineSummary(Dimension x, List<SeriesEntry> entries) {
        List<String> steps = new ArrayList<>();
        for (SeriesEntry entry : entries) {
            PointResult outcome = result.result(entry.point());
            if (outcome != null && outcome.succeeded()) {
                steps.add(Numbers.fixed(outcome.metrics().getAccuracy(), 3) + " at " + x.format(entry.x()));
            }
        }
        if (steps.isEmpty()) {
            return "";
        }
        if (steps.size() <= 2) {
            return String.join(", ", steps);
        }
        return steps.get(0) + ", " + steps.get(steps.size() / 2) + ", " + steps.get(steps.size() - 1);
    }

    private MarkdownTable seriesTable(SeriesPlan series) {
        Dimension x = series.definition().xDimension();
        boolean lines = series.entries().stream().anyMatch(entry -> !entry.line().isEmpty());
        List<String> header = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        if (x == null) {
            add(header, numeric, "memory", false);
            add(header, numeric, "probe", false);
            add(header, numeric, "beta", true);
            add(header, numeric, "updates", true);
            add(header, numeric, "normalization", false);
        } else {
            add(header, numeric, x.key(), x.numeric(series.entries().get(0).x()).isPresent());
            if (lines) {
                add(header, numeric, "line", false);
            }
        }
        for (String column : List.of("probes", "accuracy", "loss / probe", "mean similarity", "exact match",
                "attention spread")) {
            add(header, numeric, column, true);
        }
        add(header, numeric, "experiment", false);

        MarkdownTable table = new MarkdownTable(header, numeric);
        for (SeriesEntry entry : series.entries()) {
            PointSettings settings = entry.point().settings();
            List<String> row = new ArrayList<>();
            if (x == null) {
                row.add(settings.memory().text());
                row.add(settings.probeLabel());
                row.add(Numbers.plain(settings.beta()));
                row.add(String.valueOf(settings.iterations()));
                row.add(settings.normalization().name().toLowerCase(Locale.ROOT));
            } else {
                row.add(x.cell(entry.x()));
                if (lines) {
                    row.add(entry.line());
                }
            }
            metricCells(row, result.result(entry.point()));
            row.add("`" + entry.point().experimentId() + "`");
            table.add(row);
        }
        return table;
    }

    private static void metricCells(List<String> row, PointResult outcome) {
        if (outcome == null || !outcome.succeeded()) {
            row.add(outcome == null ? "" : String.valueOf(outcome.point().settings().probes()));
            for (int i = 0; i < 5; i++) {
                row.add(i == 0 ? "failed" : "");
            }
            return;
        }
        WindowMetrics metrics = outcome.metrics();
        row.add(String.valueOf(metrics.getCount()));
        row.add(Numbers.fixed(metrics.getAccuracy(), 3));
        row.add(Numbers.fixed(Metric.SIMILARITY_LOSS.valueOf(metrics), 4));
        row.add(Numbers.fixed(metrics.getMeanSimilarity(), 4));
        row.add(Numbers.fixed(metrics.getExactMatchRate(), 3));
        row.add(Numbers.fixed(metrics.getMeanAttentionSpread(), 2));
    }

    private void memoryStatistics(StringBuilder text) {
        Map<String, PointResult> byMemory = new TreeMap<>();
        for (PointResult outcome : result.points().values()) {
            if (outcome.memoryStatistics() != null) {
                byMemory.putIfAbsent(outcome.point().settings().memory().text(), outcome);
            }
        }
        if (byMemory.isEmpty()) {
            return;
        }
        text.append("## How alike the stored images are\n\n");
        text.append("""
                Per memory: the mean and the largest Pearson correlation between two distinct stored images, and \
                Ramsauer's separation Delta_i = x_i.x_i - max_{j != i} x_i.x_j on the centred, unit-length patterns \
                (1 minus the image's largest correlation with another stored image; 0 for a flat image): its \
                smallest and mean value. Memories larger than the exact limit were measured on randomly chosen \
                patterns, each against all N: the mean is then an estimate, the maximum is a lower bound of the \
                memory's, and the smallest separation is an upper bound of the memory's.

                """);
        MarkdownTable table = new MarkdownTable(
                List.of("memory", "N", "mean correlation", "max correlation", "smallest separation",
                        "mean separation", "computed"),
                List.of(false, true, true, true, true, true, false));
        List<PointResult> ordered = new ArrayList<>(byMemory.values());
        ordered.sort(Comparator.comparing((PointResult outcome) -> outcome.point().settings().memory().family())
                .thenComparingInt(outcome -> outcome.point().settings().memory().size()));
        for (PointResult outcome : ordered) {
            MemoryStatistics statistics = outcome.memoryStatistics();
            table.add(List.of(outcome.point().settings().memory().text(), Numbers.grouped(statistics.size()),
                    Numbers.fixed(statistics.meanCorrelation(), 4), Numbers.fixed(statistics.maxCorrelation(), 4),
                    Numbers.fixed(statistics.minSeparation(), 4), Numbers.fixed(statistics.meanSeparation(), 4),
                    statistics.method()));
        }
        text.append(table.text()).append('\n');
    }

    private void reference(StringBuilder text) {
        List<ReferenceTable.Comparison> comparisons = ReferenceTable.compare(result);
        if (comparisons.stream().allMatch(comparison -> comparison.measured().isEmpty())) {
            return;
        }
        long within = comparisons.stream().filter(ReferenceTable.Comparison::withinTolerance).count();
        long measured = comparisons.stream().filter(comparison -> comparison.measured().isPresent()).count();
        text.append("## Comparison with the reference figures\n\n");
        text.append("Reference: ").append(ReferenceTable.SOURCE).append(". Measured: the sweep's points with the "
                + "same memory, probes and settings through the pipeline (float32 ND4J retrieval). ")
                .append(within).append(" of ").append(measured).append(" measured rows (of ")
                .append(comparisons.size()).append(") agree within ")
                .append(Numbers.plain(ReferenceTable.TOLERANCE)).append(" on both numbers. With n probes, a share p ")
                .append("has a binomial standard error of sqrt(p (1 - p) / n): 0.02 for p = 0.85 and n = 300.\n\n");
        MarkdownTable table = new MarkdownTable(
                List.of("probe", "beta", "reference exact match", "measured", "difference",
                        "reference share >= 0.95", "measured", "difference", "probes", "within 0.02"),
                List.of(false, true, true, true, true, true, true, true, true, false));
        for (ReferenceTable.Comparison comparison : comparisons) {
            ReferenceTable.Row row = comparison.row();
            WindowMetrics metrics = comparison.measured().map(PointResult::metrics).orElse(null);
            table.add(List.of(row.probe(), Numbers.plain(row.beta()), Numbers.fixed(row.exactMatch(), 2),
                    metrics == null ? "not measured" : Numbers.fixed(metrics.getExactMatchRate(), 3),
                    Numbers.signed(comparison.exactMatchDifference(), 3), Numbers.fixed(row.shareAbove(), 2),
                    metrics == null ? "not measured" : Numbers.fixed(metrics.getAccuracy(), 3),
                    Numbers.signed(comparison.shareDifference(), 3),
                    metrics == null ? "" : String.valueOf(metrics.getCount()),
                    metrics == null ? "" : comparison.withinTolerance() ? "yes" : "no"));
        }
        text.append(table.text()).append('\n');
    }

    private void replays(StringBuilder text) {
        if (result.replays().isEmpty()) {
            return;
        }
        text.append("## Replays of recorded probes\n\n");
        text.append("""
                A replay reads an experiment's probes back from `images.corrupted` (no new probe is made) and \
                retrieves them again with other settings under a fresh consumer group and a new run id; the \
                evaluator scores each run apart. "Recorded probes seen" counts reconstructions that carry the \
                creation time and corruption seed of the recorded probe. A replay with the recorded settings \
                retrieves the same image for every probe; its pixels can still differ in rounding where the \
                attention is spread over many images, because float32 matrix products are not bit-for-bit \
                reproducible across batches of other sizes.

                """);
        for (SweepResult.ReplayOutcome outcome : result.replays()) {
            text.append("### ").append(outcome.plan().definition().title()).append("\n\n");
            if (outcome.result() == null) {
                text.append("Not run: ").append(outcome.failure()).append(".\n\n");
                continue;
            }
            text.append(ReplayReport.summary(outcome.result())).append("\n\n");
            text.append(ReplayReport.table(outcome.result()).text()).append('\n');
        }
    }

    private void samples(StringBuilder text) {
        if (grids.isEmpty()) {
            return;
        }
        text.append("## Sample reconstructions\n\n");
        text.append("Each row: a kind of probe, then original, probe and reconstruction of a few probes; the caption "
                + "is green when retrieval returned the probe's own image.\n\n");
        for (SampleGrids.Grid grid : grids) {
            text.append("![").append(grid.title()).append("](").append(link(grid.file())).append(")\n\n");
        }
    }

    private void failures(StringBuilder text) {
        List<PointResult> failed = result.points().values().stream().filter(outcome -> !outcome.succeeded()).toList();
        if (failed.isEmpty()) {
            return;
        }
        text.append("## Failed points\n\n");
        for (PointResult outcome : failed) {
            text.append("- p").append(outcome.point().number()).append(" `").append(outcome.point().experimentId())
                    .append("`: ").append(MarkdownTable.escape(outcome.failure())).append('\n');
        }
        text.append('\n');
    }

    private void sweepFile(StringBuilder text) {
        text.append("## Sweep definition\n\n```yaml\n").append(result.plan().definition().source().strip())
                .append("\n```\n");
    }

    private String link(Path file) {
        Path base = reportFile.toAbsolutePath().getParent();
        Path target = file.toAbsolutePath();
        return (base == null ? target : base.relativize(target)).toString().replace('\\', '/');
    }

    private static void add(List<String> header, List<Boolean> numeric, String column, boolean right) {
        header.add(column);
        numeric.add(right);
    }

    private static String minutes(double seconds) {
        return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
}
