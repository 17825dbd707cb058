package io.hopfieldstream.launcher.experiment.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.launcher.CifarTestData;
import io.hopfieldstream.launcher.experiment.report.ExperimentManifest;
import io.hopfieldstream.launcher.experiment.report.ExperimentReport;
import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.launcher.experiment.sweep.SweepExpansion;
import io.hopfieldstream.launcher.experiment.sweep.SweepParser;
import io.hopfieldstream.launcher.experiment.sweep.SweepPlan;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.serde.RecordCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny sweep end to end on a real broker (two points of 50 probes), then a replay of one of its
 * experiments that must retrieve the very probe records the sweep published.
 */
@KafkaBrokerTest
class ExperimentSweepIT {

    private static final String SWEEP = """
            name: tiny
            seed: 11
            base:
              memory: test:mixed:300
              probes: 50
            series:
              - name: probes
                vary:
                  corruption: [gaussian:25, lower-half]
            """;

    @TempDir
    Path folder;

    @Test
    void sweepAndReplaySeeTheRecordedProbes(TestBroker broker) throws Exception {
        String memoryTopic = "experiment-it-memory-" + System.nanoTime();
        SweepOptions options = SweepOptions.embedded(folder.resolve("unused-kafka"))
                .withKafka(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        Optional.of(broker.bootstrapServers()))
                .withMemoryTopic(memoryTopic)
                .withPartitions(3)
                .withPointTimeout(Duration.ofMinutes(2))
                .withSamplesPerPoint(2);
        CifarReader reader = CifarTestData.reader();
        SweepPlan plan = SweepExpansion.expand(SweepParser.parse(SWEEP, "test"), "tiny-" + System.nanoTime());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        SweepResult result;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            result = new SweepRunner(options, reader, out).run(plan);
        }

        assertThat(result.failedPoints()).as("failed points; output:%n%s", printed).isZero();
        SweepPoint noise = plan.points().get(0);
        SweepPoint lowerHalf = plan.points().get(1);
        PointResult noiseResult = result.result(noise);
        PointResult maskResult = result.result(lowerHalf);
        for (PointResult point : List.of(noiseResult, maskResult)) {
            WindowMetrics metrics = point.metrics();
            assertThat(metrics.getCount()).as("scored probes of %s", point.point().experimentId()).isEqualTo(50);
            assertThat(metrics.getExperimentId()).isEqualTo(point.point().experimentId());
            assertThat(metrics.getRunId()).isEqualTo(point.runId()).startsWith("run-");
            assertThat(point.memoryStatistics().size()).isEqualTo(300);
            assertThat(point.memoryStatistics().exact()).isTrue();
            assertThat(point.samples()).hasSize(2);
        }
        assertThat(noiseResult.runId()).as("same memory and settings, same run id").isEqualTo(maskResult.runId());
        assertThat(noiseResult.metrics().getAccuracy()).as("accuracy on sigma-25 noise").isGreaterThanOrEqualTo(0.95);
        assertThat(maskResult.metrics().getExactMatchRate()).as("exact match, lower half, mask-aware")
                .isGreaterThanOrEqualTo(0.95);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("2/2 points").contains("p001 done in")
                .contains("p002 done in");

        Path report = ExperimentReport.write(result, folder.resolve("report.md"), folder.resolve("report"),
                "./hopfield experiment", memoryTopic);
        assertThat(Files.readString(report)).contains("| corruption | line |").contains("2 points, 0 failed")
                .doesNotContain("## Failed points");
        assertThat(folder.resolve("report").resolve("probes-accuracy.png")).exists();
        ExperimentManifest manifest = ExperimentManifest.read(folder.resolve("report").resolve(ExperimentManifest.FILE));
        ExperimentManifest.Entry recorded = manifest.find(noise.experimentId()).orElseThrow();
        assertThat(recorded.probeDigest()).isEqualTo(noiseResult.probeDigest());

        Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        Map<String, byte[]> publishedValues = probeValues(client, noise.experimentId());
        assertThat(publishedValues).hasSize(50);
        assertThat(digest(publishedValues)).as("digest of the probe records on the topic")
                .isEqualTo(noiseResult.probeDigest());

        PointSettings same = recorded.settings();
        PointSettings lowBeta = recorded.settings().withBeta(8);
        ReplayResult replay;
        try (PipelineSession session = PipelineSession.open(options, reader, "tiny-replay-" + System.nanoTime())) {
            replay = new ReplayRunner(session).replay(new ReplayRequest(noise.experimentId(), recorded.settings(),
                    recorded.runId(), recorded.probeDigest(), List.of(same, lowBeta)));
        }

        assertThat(replay.recordedProbes()).isEqualTo(50);
        assertThat(replay.digestMatches()).as("recorded probe records equal the published bytes").isTrue();
        assertThat(replay.probesWritten()).as("probe records written during the replay").isZero();
        assertThat(digest(probeValues(client, noise.experimentId()))).as("probe records after the replay")
                .isEqualTo(noiseResult.probeDigest());

        List<ReplayResult.RunComparison> runs = replay.runs();
        assertThat(runs).extracting(ReplayResult.RunComparison::role).containsExactly("original", "replay", "replay");
        assertThat(runs).extracting(ReplayResult.RunComparison::runId).doesNotHaveDuplicates();
        for (ReplayResult.RunComparison run : runs) {
            assertThat(run.failure()).isNull();
            assertThat(run.metrics().getCount()).as("scored probes of run %s", run.runId()).isEqualTo(50);
            assertThat(run.reconstructed()).isEqualTo(50);
            assertThat(run.recordedProbesSeen()).as("reconstructions of run %s carrying the recorded probe's time and"
                    + " seed", run.runId()).isEqualTo(50);
        }
        ReplayResult.RunComparison sameSettings = runs.get(1);
        assertThat(sameSettings.runId()).startsWith("replay-");
        assertThat(sameSettings.sameRetrievedAsOriginal()).as("same retrieved image as the recorded run").isEqualTo(50);
        assertThat(sameSettings.samePixelsAsOriginal()).as("same reconstructed pixels as the recorded run, up to"
                + " float32 rounding in batches of other sizes").isGreaterThanOrEqualTo(48);
        assertThat(sameSettings.metrics().getAccuracy()).isEqualTo(noiseResult.metrics().getAccuracy());
        assertThat(runs.get(2).settings().beta()).isEqualTo(8.0);
        assertThat(runs.get(2).metrics().getMeanAttentionSpread())
                .as("attention spreads over more patterns at beta 8 than at beta 32")
                .isGreaterThan(sameSettings.metrics().getMeanAttentionSpread());
    }

    /** Reads the probe records of an experiment independently of the code under test. */
    private static Map<String, byte[]> probeValues(Map<String, Object> client, String experimentId) {
        RecordCodec<Probe> codec = RecordCodec.forClass(Probe.class);
        Map<String, byte[]> values = new TreeMap<>();
        TopicScan.scan(new HashMap<>(client), Topics.IMAGES_CORRUPTED, "experiment-it-reader", record -> {
            Probe probe = codec.decode(record.topic(), record.value());
            if (probe.getExperimentId().equals(experimentId)) {
                values.put(probe.getProbeId(), record.value());
            }
        });
        return values;
    }

    private static String digest(Map<String, byte[]> valuesByProbeId) {
        ProbeDigest digest = new ProbeDigest();
        new ArrayList<>(valuesByProbeId.values()).forEach(digest::add);
        return digest.hex();
    }
}
