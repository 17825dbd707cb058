package io.hopfieldstream.evaluator.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.evaluator.scoring.ReconstructionScore;
import io.hopfieldstream.evaluator.scoring.ScoreSample;
import io.hopfieldstream.evaluator.scoring.SimilarityMeasure;
import io.hopfieldstream.schemas.WindowMetrics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class MetricsAccumulatorTest {

    @Test
    void totalsOfFourSamples() {
        MetricsAccumulator totals = new MetricsAccumulator()
                .add(new ScoreSample(1_000L, 10L, 1, new ReconstructionScore(1.0, true, true, 100.0)))
                .add(new ScoreSample(1_500L, 20L, 3, new ReconstructionScore(0.5, false, false, 20.0)))
                .add(new ScoreSample(1_200L, 40L, 2, new ReconstructionScore(0.96875, true, false, 30.0)))
                .add(new ScoreSample(900L, 30L, 7, null));

        assertThat(totals.count()).isEqualTo(3L);
        assertThat(totals.unscoredCount()).isEqualTo(1L);
        assertThat(totals.correctCount()).isEqualTo(2L);
        assertThat(totals.accuracy()).isEqualTo(2.0 / 3.0);
        assertThat(totals.similarityLoss()).isEqualTo(0.53125);
        assertThat(totals.meanSimilarity()).isEqualTo(2.46875 / 3.0);
        assertThat(totals.exactMatchRate()).isEqualTo(1.0 / 3.0);
        assertThat(totals.meanPsnr()).isEqualTo(50.0);
        assertThat(totals.meanAttentionSpread()).isEqualTo(2.0);
        assertThat(totals.firstRetrievedAtMs()).isEqualTo(900L);
        assertThat(totals.lastRetrievedAtMs()).isEqualTo(1_500L);
        assertThat(totals.latencyPercentileMs(50)).isEqualTo(20L);
        assertThat(totals.latencyPercentileMs(99)).isEqualTo(40L);
    }

    @Test
    void emptyTotalsAreZero() {
        MetricsAccumulator totals = new MetricsAccumulator();

        assertThat(totals.accuracy()).isZero();
        assertThat(totals.meanSimilarity()).isZero();
        assertThat(totals.meanPsnr()).isZero();
        assertThat(totals.firstRetrievedAtMs()).isZero();
        assertThat(totals.lastRetrievedAtMs()).isZero();
    }

    @Test
    void totalsRoundTrip() throws IOException {
        MetricsAccumulator totals = new MetricsAccumulator()
                .add(new ScoreSample(1_000L, 10L, 1, new ReconstructionScore(0.75, false, true, 40.0)))
                .add(new ScoreSample(2_000L, 15L, 1, null));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        totals.writeTo(new DataOutputStream(bytes));
        MetricsAccumulator copy = MetricsAccumulator.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        WindowMetricsFactory factory = new WindowMetricsFactory(SimilarityMeasure.PEARSON, 0.95);
        MetricsGroup group = new MetricsGroup("e", "r", "gaussian", 25.0);
        WindowMetrics expected = factory.createSpanning(group, WindowType.CUMULATIVE, totals, 5L);
        assertThat(factory.createSpanning(group, WindowType.CUMULATIVE, copy, 5L)).isEqualTo(expected);
    }

    @Test
    void factoryFillsEveryField() {
        MetricsAccumulator totals = new MetricsAccumulator()
                .add(new ScoreSample(1_000L, 10L, 1, new ReconstructionScore(0.75, false, true, 40.0)));
        WindowMetricsFactory factory = new WindowMetricsFactory(SimilarityMeasure.COSINE, 0.9);

        WindowMetrics metrics = factory.create(new MetricsGroup("e", "r", "dropout", 0.5), WindowType.HOPPING,
                0L, 60_000L, totals, 77L);

        assertThat(metrics.getExperimentId()).isEqualTo("e");
        assertThat(metrics.getRunId()).isEqualTo("r");
        assertThat(metrics.getCorruptionKind()).isEqualTo("dropout");
        assertThat(metrics.getCorruptionLevel()).isEqualTo(0.5);
        assertThat(metrics.getWindowType()).isEqualTo("hopping");
        assertThat(metrics.getWindowStartMs()).isZero();
        assertThat(metrics.getWindowEndMs()).isEqualTo(60_000L);
        assertThat(metrics.getCount()).isEqualTo(1L);
        assertThat(metrics.getCorrectCount()).isZero();
        assertThat(metrics.getSimilarityLoss()).isEqualTo(0.25);
        assertThat(metrics.getExactMatchRate()).isEqualTo(1.0);
        assertThat(metrics.getMeanPsnr()).isEqualTo(40.0);
        assertThat(metrics.getLatencyP50Ms()).isEqualTo(10.0);
        assertThat(metrics.getThreshold()).isEqualTo(0.9);
        assertThat(metrics.getSimilarity()).isEqualTo("cosine");
        assertThat(metrics.getEmittedAtMs()).isEqualTo(77L);
    }
}
