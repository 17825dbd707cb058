package io.hopfieldstream.launcher.stress;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.launcher.CifarTestData;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarSelection;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.producer.publish.ProbeTarget;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short fixed-rate stress run at a low rate through a real broker with two in-process
 * retrievers, checking that the summary's counts add up. The class has a broker of its own because
 * the run writes to the pipeline's fixed topic names.
 */
@KafkaBrokerTest(restartable = true)
class StressRunIT {

    private static final int MEMORY_SIZE = 300;
    private static final double RATE = 50.0;

    @TempDir
    Path output;

    @Test
    void shortRunCountsAddUp(TestBroker broker) throws Exception {
        List<CifarImage> bank = CifarTestData.reader().read(CifarSelection.range(CifarSplit.TEST, 0, MEMORY_SIZE));
        List<ProbeTarget> targets = ProbeTarget.shuffled(ProbeTarget.stored(bank), 3L);
        LoadProfile load = new LoadProfile(new RateSpec(RATE, false), Duration.ofSeconds(1), Duration.ofSeconds(4),
                null);
        StressSettings settings = new StressSettings("stress-it", List.of(CorruptionSpec.parse("gaussian:25"),
                CorruptionSpec.parse("lower-half")), 3L, RetrievalSettings.defaults(), 32, Duration.ofMillis(50), 2, 2,
                "stress-it-retrievers", false, load, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(120), output, false);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        StressResult result;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            result = new StressRun(settings, bank, targets, Map.of("bootstrap.servers", broker.bootstrapServers()),
                    Optional.of(broker.bootstrapServers()), Nd4jCpuBackend::new, out).run();
        }

        StressResult.Totals totals = result.totals();
        assertThat(totals.sent()).as("probes sent").isPositive();
        assertThat(totals.sendFailed()).as("failed sends").isZero();
        assertThat(totals.unacknowledged()).as("unacknowledged probes").isZero();
        assertThat(totals.acknowledged()).as("acknowledged probes").isEqualTo(totals.sent());
        assertThat(totals.reconstructed()).as("reconstructed probes").isPositive();
        assertThat(totals.deadLettered()).as("dead letters").isZero();
        assertThat(totals.inFlight()).as("probes in flight after the drain").isZero();
        assertThat(totals.reconstructed() + totals.deadLettered() + totals.inFlight())
                .as("reconstructed + dead-lettered + in flight").isEqualTo(totals.acknowledged());
        assertThat(totals.duplicates()).as("duplicate reconstructions").isZero();
        assertThat(totals.undecodable()).isZero();
        assertThat(totals.errors()).isEmpty();
        assertThat(totals.withTruth()).isEqualTo(totals.reconstructed());
        assertThat(totals.exactMatches()).as("exact matches").isGreaterThanOrEqualTo(totals.withTruth() * 9 / 10);

        assertThat(result.phases()).extracting(StressResult.PhaseResult::name).containsExactly("warm-up", "fixed");
        long timedByPhase = result.phases().stream().mapToLong(phase -> phase.latency().count()).sum();
        assertThat(timedByPhase).as("reconstructions timed in some phase").isEqualTo(totals.reconstructed());
        for (StressResult.PhaseResult phase : result.phases()) {
            assertThat(phase.offeredRate()).isEqualTo(RATE);
            assertThat(phase.latency().count()).as("reconstructions of %s", phase.name()).isPositive();
            assertOrdered(phase.latency());
        }

        StressResult.Summary summary = result.summary();
        assertThat(summary.latencyPhase()).isEqualTo("fixed");
        assertThat(summary.latency()).isEqualTo(result.phases().get(1).latency());
        assertThat(summary.sustainedImagesPerSecond()).isPositive();
        assertThat(summary.kernelShare()).isPositive();
        assertThat(summary.producerAckLatency().count()).isEqualTo(totals.acknowledged());
        assertThat(result.kernel()).isNotNull();
        assertThat(result.kernel().imagesPerSecond()).isPositive();
        assertThat(result.kernel().memorySize()).isEqualTo(MEMORY_SIZE);
        assertThat(result.run().memorySize()).isEqualTo(MEMORY_SIZE);
        assertThat(result.run().retrievers()).isEqualTo(2);
        assertThat(result.run().partitions()).isEqualTo(2);
        assertThat(result.samples()).as("live lines").isNotEmpty();

        StressResult written = StressReport.readJson(output.resolve("stress.json"));
        assertThat(written.totals()).isEqualTo(totals);
        assertThat(written.phases()).hasSize(2);
        BufferedImage plot = ImageIO.read(output.resolve("stress.png").toFile());
        assertThat(plot.getWidth()).isEqualTo(StressChart.WIDTH);
        assertThat(plot.getHeight()).isEqualTo(2 * StressChart.HEIGHT);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Sustained:").contains("probes sent").contains("reconstructed");
    }

    private static void assertOrdered(LatencySummary latency) {
        assertThat(latency.p50()).isLessThanOrEqualTo(latency.p95());
        assertThat(latency.p95()).isLessThanOrEqualTo(latency.p99());
        assertThat(latency.p99()).isLessThanOrEqualTo(latency.p999());
        assertThat(latency.p999()).isLessThanOrEqualTo(latency.max());
    }
}
