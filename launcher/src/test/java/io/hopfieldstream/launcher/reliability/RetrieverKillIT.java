package io.hopfieldstream.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.publish.ProbeSettings;
import io.hopfieldstream.producer.publish.ProbeSummary;
import io.hopfieldstream.schemas.Reconstruction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retriever killed with SIGKILL in the middle of a batch while probes keep coming, then
 * started again under the same instance id. The kill is aimed at a moment when the retriever's
 * transaction is open, seen from outside as a reconstruction partition whose last stable offset
 * lags its high watermark. After the restart every probe must have exactly one committed
 * reconstruction, all of one run, and the killed batch's records must stay invisible.
 */
@KafkaBrokerTest
class RetrieverKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(RetrieverKillIT.class);

    private static final int MEMORY_SIZE = 200;
    private static final double PROBES_PER_SECOND = 60;
    private static final int MAX_KILLS = 3;

    @TempDir
    Path folder;

    @Test
    void killMidBatchKeepsOneReconstructionPerProbe(TestBroker broker) throws Exception {
        PipelineFixture pipeline = new PipelineFixture(broker, 3, 3);
        List<CifarImage> images = PipelineFixture.images(MEMORY_SIZE);
        pipeline.publishMemory(images);
        String experiment = broker.uniqueName("kill");
        List<String> arguments = retrieveArguments(pipeline, broker.uniqueName("retriever"));

        PipelineFixture.ProbeStream probes = pipeline.streamProbes(images, pipeline.probeSettings(experiment, 91L)
                .withCount(ProbeSettings.UNLIMITED_COUNT)
                .withRate(PROBES_PER_SECOND));
        Path log = folder.resolve("retriever.log");
        boolean killedInTransaction = false;
        int kills = 0;
        while (!killedInTransaction && kills < MAX_KILLS) {
            try (RetrieverProcess retriever = RetrieverProcess.start(arguments, log)) {
                awaitCommitsFrom(pipeline, retriever);
                awaitOpenTransaction(pipeline, retriever);
                retriever.kill();
                kills++;
                killedInTransaction = hasOpenTransaction(pipeline);
            }
        }
        assertThat(killedInTransaction).as("one of %s kills landed while a transaction was open", kills).isTrue();

        ProbeSummary published;
        try (RetrieverProcess retriever = RetrieverProcess.start(arguments, log)) {
            awaitCommitsFrom(pipeline, retriever);
            published = probes.stop();
            await().atMost(PipelineFixture.TIMEOUT)
                    .failFast("the retriever process ended", () -> !retriever.isAlive())
                    .until(() -> pipeline.reconstructions().size() >= published.probes());
            assertThat(retriever.terminate(Duration.ofSeconds(60))).as("exit code after SIGTERM").isIn(0, 143);
        }

        List<String> probeIds = pipeline.probeIds();
        List<Reconstruction> reconstructions = pipeline.reconstructions();
        int written = pipeline.readAll(pipeline.topics().reconstructions(), IsolationLevel.READ_UNCOMMITTED).size();
        assertThat(probeIds).as("probes on the topic").hasSize((int) published.probes());
        PipelineFixture.assertOnePerProbe(reconstructions, probeIds);
        assertThat(reconstructions.stream().map(Reconstruction::getRunId).distinct()).as("run ids").hasSize(1);
        assertThat(written).as("records in the log, with those of the killed transactions")
                .isGreaterThan(reconstructions.size());
        assertThat(pipeline.deadLetters()).isEmpty();
        LOG.info("Killed the retriever process {} times, the last inside a transaction; {} probes, {} committed"
                + " reconstructions, {} reconstruction records in the log", kills, probeIds.size(),
                reconstructions.size(), written);
    }

    private static List<String> retrieveArguments(PipelineFixture pipeline, String groupId) {
        return List.of(
                "--bootstrap-servers", pipeline.broker().bootstrapServers(),
                "--no-create-topics",
                "--memory-topic", pipeline.topics().memoryPatterns(),
                "--probe-topic", pipeline.topics().probes(),
                "--reconstructions-topic", pipeline.topics().reconstructions(),
                "--dead-letter-topic", pipeline.topics().deadLetter(),
                "--group-id", groupId,
                "--instance-id", "node-1",
                "--batch-size", "256",
                "--max-wait-ms", "2000",
                "--progress-interval", "2s",
                "--shutdown-timeout", "20s",
                // A killed member leaves the group after the session timeout, 6 s being the broker's minimum.
                "-X", "session.timeout.ms=6000",
                "-X", "heartbeat.interval.ms=1000",
                // One record per produce request stretches each transaction over many round trips, so the
                // test can see it open and kill the process inside it.
                "-X", "batch.size=0",
                "-X", "linger.ms=0");
    }

    /** Waits until the process has committed a batch since the call. */
    private static void awaitCommitsFrom(PipelineFixture pipeline, RetrieverProcess retriever) throws Exception {
        long committedBefore = pipeline.endOffsetSum(IsolationLevel.READ_COMMITTED);
        await().atMost(PipelineFixture.TIMEOUT)
                .failFast("the retriever process ended; log tail:\n" + retriever.logTail(40), () -> !retriever.isAlive())
                .until(() -> pipeline.endOffsetSum(IsolationLevel.READ_COMMITTED) > committedBefore);
    }

    /** Waits until a reconstruction partition has records of a transaction that is still open. */
    private static void awaitOpenTransaction(PipelineFixture pipeline, RetrieverProcess retriever) {
        await().atMost(PipelineFixture.TIMEOUT)
                .pollInterval(Duration.ofMillis(10))
                .failFast("the retriever process ended", () -> !retriever.isAlive())
                .until(() -> hasOpenTransaction(pipeline));
    }

    private static boolean hasOpenTransaction(PipelineFixture pipeline) throws Exception {
        // Written first: a stable offset read afterwards that still lags it means a transaction is open now.
        Map<TopicPartition, Long> written = pipeline.endOffsets(pipeline.topics().reconstructions(),
                IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> stable = pipeline.endOffsets(pipeline.topics().reconstructions(),
                IsolationLevel.READ_COMMITTED);
        return stable.entrySet().stream().anyMatch(entry -> entry.getValue() < written.get(entry.getKey()));
    }
}
