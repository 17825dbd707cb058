package io.hopfieldstream.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.launcher.CifarTestData;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.retriever.cuda.BackendChoice;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.config.KafkaProperties;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's whole path on a real broker: memory bank, probes under four corruptions, retriever,
 * evaluator, summary and picture. The class has a broker of its own, because the demo writes to
 * the pipeline's fixed topic names and a shared broker may contain other tests' memory patterns.
 */
@KafkaBrokerTest(restartable = true)
class DemoRunIT {

    private static final int MEMORY_SIZE = 1_000;
    private static final int PROBES = 500;
    private static final List<String> CORRUPTIONS =
            List.of("gaussian:25", "gaussian:75", "lower-half", "centre-rectangle:0.25");

    @TempDir
    Path output;

    @Test
    void demoPathScoresEveryProbe(TestBroker broker) throws Exception {
        DemoSettings settings = new DemoSettings("demo-it", MEMORY_SIZE, PROBES, 0.0,
                CORRUPTIONS.stream().map(CorruptionSpec::parse).toList(), 32.0, 256, BackendChoice.CPU, 7L, Duration.ofSeconds(2),
                Duration.ofSeconds(180), 3, 2, output);
        KafkaProperties kafka = KafkaProperties.builder()
                .defaultValue(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())
                .build();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        DemoResult result;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            result = new DemoRun(settings, CifarTestData.reader(), kafka, Optional.of(broker.bootstrapServers()), out)
                    .run();
        }

        PipelineWatcher.Progress progress = result.progress();
        assertThat(result.probesSent()).isEqualTo(PROBES);
        assertThat(progress.probes()).isEqualTo(PROBES);
        assertThat(progress.reconstructions()).as("probes with a reconstruction").isEqualTo(PROBES);
        assertThat(progress.duplicateReconstructions()).as("second reconstructions of a probe").isZero();
        assertThat(progress.undecodable()).isZero();
        assertThat(progress.deadLetters()).isZero();

        assertThat(progress.cumulative()).hasSize(CORRUPTIONS.size());
        for (String spec : CORRUPTIONS) {
            CorruptionSpec corruption = CorruptionSpec.parse(spec);
            WindowMetrics totals = progress.cumulative().get(new CorruptionKey(corruption.kind(), corruption.level()));
            assertThat(totals).as("cumulative metrics of %s", spec).isNotNull();
            assertThat(totals.getCount()).as("scored reconstructions of %s", spec).isEqualTo(PROBES / CORRUPTIONS.size());
            assertThat(totals.getRunId()).isEqualTo(result.runId());
        }

        WindowMetrics noise = progress.cumulative().get(new CorruptionKey("gaussian", 25.0));
        assertThat(noise.getAccuracy()).as("accuracy on gaussian noise, sigma 25").isGreaterThanOrEqualTo(0.95);
        assertThat(noise.getExactMatchRate()).as("exact-match rate on gaussian noise, sigma 25").isGreaterThanOrEqualTo(0.95);

        assertThat(result.picture()).isEqualTo(output.resolve("triplets.png"));
        assertThat(Files.size(result.picture())).isPositive();
        BufferedImage picture = ImageIO.read(result.picture().toFile());
        assertThat(picture).isNotNull();
        assertThat(picture.getHeight()).as("picture height: header and one row per corruption")
                .isEqualTo(TripletGrid.heightFor(CORRUPTIONS.size(), settings.imageScale()));

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Summary of experiment demo-it");
        assertThat(text).contains("gaussian 25").contains("lower-half 0.5").contains("centre-rectangle 0.25");
        assertThat(text).contains(result.picture().toAbsolutePath().toString());
    }
}
