package io.hopfieldstream.launcher.experiment.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.launcher.experiment.run.SweepResult;
import io.hopfieldstream.launcher.experiment.sweep.Dimension;
import io.hopfieldstream.launcher.experiment.sweep.Metric;
import io.hopfieldstream.retriever.retrieval.Normalization;
import io.hopfieldstream.launcher.experiment.sweep.SweepPlan;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class ExperimentReportTest {

    @TempDir
    Path folder;

    @Test
    void chartsHaveOneLinePerSeriesLine() throws Exception {
        SweepPlan plan = SweepFixtures.plan();
        SweepResult result = SweepFixtures.result(plan, point -> point.settings().beta() / 128.0, List.of());

        List<ChartFile> charts = SweepCharts.write(result, folder);

        assertThat(charts).extracting(chart -> chart.file().getFileName().toString())
                .containsExactly("beta-accuracy.png", "beta-meanAttentionSpread.png", "norm-accuracy.png");
        for (ChartFile chart : charts) {
            BufferedImage image = ImageIO.read(chart.file().toFile());
            assertThat(image.getWidth()).isEqualTo(SweepCharts.WIDTH);
            assertThat(image.getHeight()).isEqualTo(SweepCharts.HEIGHT);
        }

        XYChart beta = SweepCharts.chart(result, List.of(plan.series().get(0)), Metric.ACCURACY);
        assertThat(beta.getSeriesMap()).containsOnlyKeys("gaussian:25", "lower-half, plain");
        assertThat(beta.getXAxisTitle()).isEqualTo("beta (inverse temperature)");
        assertThat(beta.getYAxisTitle()).isEqualTo(Metric.ACCURACY.axisTitle());
        assertThat(beta.getStyler().isXAxisLogarithmic()).as("beta spans a factor of 16 only").isFalse();
        double[] accuracies = beta.getSeriesMap().get("gaussian:25").getYData();
        assertThat(accuracies).containsExactly(8 / 128.0, 32 / 128.0, 1.0);
    }

    @Test
    void sharedTitlePrefixLeavesTheLegend() {
        SweepPlan plan = io.hopfieldstream.launcher.experiment.sweep.SweepExpansion.expand(
                io.hopfieldstream.launcher.experiment.sweep.SweepParser.parse("""
                        name: sizes
                        series:
                          - name: mixed
                            title: "Memory size: mixed classes"
                            plot: size
                            set: {memory: train:mixed:100}
                            vary: {memorySize: [100, 200]}
                          - name: cat
                            title: "Memory size: class cat"
                            plot: size
                            set: {memory: train:cat:100}
                            vary: {memorySize: [100, 200]}
                        """, "t"), "s");
        SweepResult result = SweepFixtures.result(plan, point -> 1.0, List.of());

        XYChart chart = SweepCharts.chart(result, plan.series(), Metric.ACCURACY);

        assertThat(chart.getSeriesMap()).containsOnlyKeys("mixed classes", "class cat");
        assertThat(chart.getTitle()).isEqualTo("Accuracy against stored images N");
    }

    @Test
    void failedPointLeavesAGap() {
        SweepPlan plan = SweepFixtures.plan();
        SweepResult result = SweepFixtures.result(plan, point -> 1.0, List.of(2));

        XYChart beta = SweepCharts.chart(result, List.of(plan.series().get(0)), Metric.ACCURACY);

        assertThat(beta.getSeriesMap().get("gaussian:25").getXData()).containsExactly(8.0, 128.0);
    }

    @Test
    void categoricalAxisIsLabelled() {
        SweepPlan plan = SweepFixtures.plan();
        SweepResult result = SweepFixtures.result(plan, point -> 1.0, List.of());

        XYChart norm = SweepCharts.chart(result, List.of(plan.series().get(1)), Metric.ACCURACY);

        assertThat(norm.getSeriesMap().get("Normalisation").getXData()).containsExactly(1.0, 2.0);
        assertThat(norm.getStyler().getxAxisTickLabelsFormattingFunction().apply(2.0))
                .isEqualTo("normalization center_unit");
        assertThat(Dimension.NORMALIZATION.cell(Normalization.CENTER_UNIT)).isEqualTo("center_unit");
        assertThat(Dimension.MEMORY_SIZE.cell(50_000)).isEqualTo("50,000");
        assertThat(Dimension.MEMORY_CLASS.cell(3)).isEqualTo("cat");
        assertThat(Dimension.BETA.cell(0.5)).isEqualTo("0.5");
    }

    @Test
    void reportLinksChartsTablesAndComparison() throws Exception {
        SweepPlan plan = SweepFixtures.plan();
        SweepResult result = SweepFixtures.result(plan, point -> 0.9, List.of(3));
        Path report = folder.resolve("report.md");
        Path assets = folder.resolve("report");

        ExperimentReport.write(result, report, assets, "./hopfield experiment --output report", "memory.patterns");
        String markdown = Files.readString(report);

        assertThat(markdown).startsWith("# Fixture sweep\n\nMade-up numbers for tests.\n");
        assertThat(markdown).contains("Sweep `fixture-1`, run on 2026-01-01 12:00 UTC in 10.0 min: "
                + plan.points().size() + " points, 1 failed");
        assertThat(markdown).contains("```\n./hopfield experiment --output report\n```");
        assertThat(markdown).contains("[points.csv](report/points.csv)");
        assertThat(markdown).contains("## Beta\n\n*How does beta matter?*\n");
        assertThat(markdown).contains("](report/beta-accuracy.png)");
        assertThat(markdown).contains("| beta | line | probes | accuracy |");
        assertThat(markdown).contains("| 8 | gaussian:25 | 300 | 0.900 |");
        assertThat(markdown).contains("| 128 | gaussian:25 | 300 | failed |");
        assertThat(markdown).contains("## How alike the stored images are");
        assertThat(markdown).contains("| test:mixed:1000 | 1,000 | 0.1200 | 0.9700 | 0.0300 | 0.3100 | exact |");
        assertThat(markdown).contains("## Comparison with the reference figures");
        assertThat(markdown).contains("0 of 4 measured rows (of 7) agree within 0.02");
        assertThat(markdown).contains("| noise sigma 100 | 32 | 1.00 | 0.900 | -0.100 | 0.93 | 0.900 | -0.030 | 300 | no |");
        assertThat(markdown).contains("| noise sigma 25 | 8 | 1.00 | 0.900 | -0.100 | 0.25 | 0.900 | +0.650 | 300 | no |");
        assertThat(markdown).contains("| lower half, mask-aware (Pearson over known pixels) | 128 | 1.00 | not measured |");
        assertThat(markdown).contains("## Failed points\n\n- p3 `fixture-1-p003`: Timed out after 300 s");
        assertThat(markdown).contains("## Sample reconstructions").contains("](report/samples-noise.png)")
                .contains("](report/samples-masks.png)");
        assertThat(markdown).endsWith("```yaml\n" + SweepFixtures.SWEEP.strip() + "\n```\n");

        assertThat(assets.resolve("points.csv")).exists();
        assertThat(assets.resolve("manifest.json")).exists();
        assertThat(assets.resolve("samples-noise.png")).exists();
    }

    @Test
    void referenceRowsMatchOnlyTheirSettings() {
        SweepPlan plan = SweepFixtures.plan();
        SweepResult result = SweepFixtures.result(plan, point -> 1.0, List.of());

        List<ReferenceTable.Comparison> comparisons = ReferenceTable.compare(result);

        assertThat(comparisons).hasSize(7);
        assertThat(comparisons.get(0).measured()).as("gaussian:25 at beta 8").isPresent();
        assertThat(comparisons.get(1).measured()).as("gaussian:25 at beta 32").isPresent();
        assertThat(comparisons.get(2).measured()).as("gaussian:100 at beta 32").isPresent();
        assertThat(comparisons.get(3).measured()).as("gaussian:100 at beta 128").isEmpty();
        assertThat(comparisons.get(4).measured()).as("lower half, plain, beta 128").isPresent();
        assertThat(comparisons.get(6).measured()).as("lower half, mask-aware, beta 128").isEmpty();
        assertThat(comparisons.get(1).withinTolerance()).isTrue();
        assertThat(comparisons.get(0).shareDifference()).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(comparisons.get(4).withinTolerance()).isFalse();
    }

    @Test
    void manifestRoundTrips() {
        SweepPlan plan = SweepFixtures.plan();
        SweepResult result = SweepFixtures.result(plan, point -> 1.0, List.of(1));

        ExperimentManifest manifest = ExperimentManifest.read(ExperimentManifest.write(result, "my.memory", folder));

        assertThat(manifest.sweepId()).isEqualTo("fixture-1");
        assertThat(manifest.memoryTopic()).isEqualTo("my.memory");
        assertThat(manifest.entries()).hasSize(plan.points().size());
        ExperimentManifest.Entry second = manifest.find("fixture-1-p002").orElseThrow();
        assertThat(second.settings()).isEqualTo(plan.points().get(1).settings());
        assertThat(second.runId()).isEqualTo("run-abc");
        assertThat(second.probeDigest()).isEqualTo("00ff");
        ExperimentManifest.Entry failed = manifest.find("fixture-1-p001").orElseThrow();
        assertThat(failed.runId()).isNull();
    }
}
