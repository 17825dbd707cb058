package io.hopfieldstream.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.schemas.WindowMetrics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DemoReportTest {

    private static WindowMetrics metrics(String kind, double level, long count, double accuracy, double loss) {
        return WindowMetrics.newBuilder()
                .setExperimentId("exp").setRunId("run").setCorruptionKind(kind).setCorruptionLevel(level)
                .setWindowType("cumulative").setWindowStartMs(0).setWindowEndMs(1_000)
                .setCount(count).setCorrectCount(Math.round(count * accuracy)).setAccuracy(accuracy)
                .setSimilarityLoss(loss).setMeanSimilarity(1 - loss / count).setExactMatchRate(1.0)
                .setMeanPsnr(30.0).setLatencyP50Ms(12.4).setLatencyP95Ms(40.0).setLatencyP99Ms(81.6)
                .setThreshold(0.95).setEmittedAtMs(1_000)
                .build();
    }

    @Test
    void summaryHasRowPerCorruption() {
        Map<CorruptionKey, WindowMetrics> cumulative = new TreeMap<>();
        cumulative.put(new CorruptionKey("gaussian", 25.0), metrics("gaussian", 25.0, 500, 1.0, 0.5));
        cumulative.put(new CorruptionKey("lower-half", 0.5), metrics("lower-half", 0.5, 480, 0.9875, 3.25));

        List<String> lines = DemoReport.summaryTable(cumulative).lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("corruption").contains("p99 ms");
        assertThat(lines.get(1)).matches("-+");
        assertThat(lines.get(2).split("\\s{2,}")).containsExactly(
                "gaussian 25", "500", "1.000", "0.50", "0.9990", "1.000", "12", "82");
        assertThat(lines.get(3).split("\\s{2,}")).containsExactly(
                "lower-half 0.5", "480", "0.988", "3.25", "0.9932", "1.000", "12", "82");
    }

    @Test
    void columnsAlignAcrossRows() {
        Map<CorruptionKey, WindowMetrics> cumulative = new TreeMap<>();
        cumulative.put(new CorruptionKey("gaussian", 25.0), metrics("gaussian", 25.0, 5, 1.0, 0.5));
        cumulative.put(new CorruptionKey("centre-rectangle", 0.25), metrics("centre-rectangle", 0.25, 12345, 1.0, 0.5));

        List<String> lines = DemoReport.summaryTable(cumulative).lines().toList();

        assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
    }

    @Test
    void liveLineShowsRollingMetrics() {
        Map<CorruptionKey, WindowMetrics> rolling = new TreeMap<>();
        rolling.put(new CorruptionKey("gaussian", 75.0), metrics("gaussian", 75.0, 100, 0.97, 1.234));

        String line = DemoReport.liveLine(12.34, 600, 2_000, 550, 183.4, rolling);

        assertThat(line).isEqualTo("[ 12.3 s] probes 600/2000, reconstructions 550, 183 images/s"
                + " | gaussian 75: accuracy 0.970, loss 1.23");
    }

    @Test
    void keyLabelDropsTrailingZeros() {
        assertThat(new CorruptionKey("gaussian", 25.0).label()).isEqualTo("gaussian 25");
        assertThat(new CorruptionKey("centre-rectangle", 0.25).label()).isEqualTo("centre-rectangle 0.25");
        assertThat(new CorruptionKey("none", 0.0).label()).isEqualTo("none");
    }
}
