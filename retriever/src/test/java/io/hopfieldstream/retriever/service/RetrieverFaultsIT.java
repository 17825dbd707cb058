package io.hopfieldstream.retriever.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.schemas.Reconstruction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The retriever through a crash and restart, and through a batch slower than the poll interval. */
@KafkaBrokerTest
class RetrieverFaultsIT {

    private static final int MEMORY_SIZE = 300;
    private static final int WAVE = 300;

    @Test
    void crashAndRestartKeepOneReconstructionPerProbe(TestBroker broker) throws Exception {
        List<CifarImage> images = RetrieverTestKit.firstTestImages(MEMORY_SIZE);
        RetrieverTopics topics = RetrieverTestKit.createTopics(broker);
        String experiment = broker.uniqueName("restart");
        RetrieverTestKit.publishMemory(broker, topics.memoryPatterns(), images);
        RetrieverTestKit.publishProbes(broker, topics.probes(), experiment, "gaussian:25", images, WAVE, 21L, 0);

        Map<String, Object> kafka = RetrieverTestKit.kafka(broker);
        // A crashed member stays in the group until its session times out; 6 s is the broker's minimum.
        kafka.put("session.timeout.ms", 6_000);
        kafka.put("heartbeat.interval.ms", 1_000);
        RetrieverSettings settings = RetrieverSettings.builder()
                .topics(topics)
                .groupId(broker.uniqueName("retriever"))
                .instanceId("node-1")
                .batchSize(32)
                .build();

        AtomicReference<RetrieverService> crashing = new AtomicReference<>();
        BatchHook crashOnThirdBatch = (batchNumber, probes) -> {
            if (batchNumber == 3) {
                crashing.get().halt();
            }
        };
        RetrieverService first = new RetrieverService(settings, kafka, Nd4jCpuBackend::new, new SimpleMeterRegistry(),
                crashOnThirdBatch);
        crashing.set(first);
        first.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> first.state() == RetrieverService.State.HALTED);

        long committedBeforeCrash = first.totals().retrieved();
        int visibleAfterCrash = RetrieverTestKit.readAll(broker, topics.reconstructions(), true).size();
        int writtenAfterCrash = RetrieverTestKit.readAll(broker, topics.reconstructions(), false).size();
        assertThat(first.totals().batchesCommitted()).isEqualTo(2);
        assertThat(committedBeforeCrash).isBetween(1L, (long) WAVE - 1);
        assertThat(visibleAfterCrash).isEqualTo(committedBeforeCrash);
        assertThat(writtenAfterCrash).as("records of the halted batch are in the log, uncommitted")
                .isGreaterThan(visibleAfterCrash);

        RetrieverTestKit.publishProbes(broker, topics.probes(), experiment, "gaussian:25", images, WAVE, 21L, WAVE);

        try (RetrieverService second = new RetrieverService(settings, kafka, Nd4jCpuBackend::new,
                new SimpleMeterRegistry())) {
            second.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> second.totals().retrieved() >= 2L * WAVE - committedBeforeCrash);
            assertThat(second.runId()).isEqualTo(first.runId());
        }

        List<Reconstruction> output = RetrieverTestKit.decodeReconstructions(
                RetrieverTestKit.readAll(broker, topics.reconstructions(), true));
        assertThat(output).hasSize(2 * WAVE);
        assertThat(output.stream().map(Reconstruction::getProbeId).distinct()).hasSize(2 * WAVE);
        assertThat(output).allSatisfy(r -> assertThat(r.getRunId()).isEqualTo(first.runId()));
        assertThat(RetrieverTestKit.readAll(broker, topics.reconstructions(), false).size())
                .as("the aborted batch's records stay in the log, invisible to read_committed readers")
                .isGreaterThan(2 * WAVE);
    }

    @Test
    void slowBatchCausesNoRebalance(TestBroker broker) throws Exception {
        List<CifarImage> images = RetrieverTestKit.firstTestImages(MEMORY_SIZE);
        RetrieverTopics topics = RetrieverTestKit.createTopics(broker);
        String experiment = broker.uniqueName("slow");
        RetrieverTestKit.publishMemory(broker, topics.memoryPatterns(), images);
        RetrieverTestKit.publishProbes(broker, topics.probes(), experiment, "gaussian:25", images, 100, 31L, 0);

        Map<String, Object> kafka = RetrieverTestKit.kafka(broker);
        kafka.put("max.poll.interval.ms", 3_000);
        RetrieverSettings settings = RetrieverSettings.builder()
                .topics(topics)
                .groupId(broker.uniqueName("retriever"))
                .instanceId("slow-1")
                .batchSize(32)
                .build();
        // Artificial slowness: the second batch takes more than twice the poll interval.
        BatchHook slowSecondBatch = (batchNumber, probes) -> {
            if (batchNumber == 2) {
                Thread.sleep(7_000);
            }
        };

        try (RetrieverService service = new RetrieverService(settings, kafka, Nd4jCpuBackend::new,
                new SimpleMeterRegistry(), slowSecondBatch)) {
            service.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> service.totals().retrieved() >= 100);

            RetrieverMetrics.Totals totals = service.totals();
            assertThat(totals.partitionsRevoked()).isZero();
            assertThat(totals.partitionsLost()).isZero();
            assertThat(totals.batchesAborted()).isZero();
            assertThat(service.state()).isEqualTo(RetrieverService.State.RUNNING);
        }

        List<Reconstruction> output = RetrieverTestKit.decodeReconstructions(
                RetrieverTestKit.readAll(broker, topics.reconstructions(), true));
        assertThat(output).hasSize(100);
        assertThat(output.stream().map(Reconstruction::getProbeId).distinct()).hasSize(100);
        assertThat(RetrieverTestKit.readAll(broker, topics.reconstructions(), false)).hasSize(100);
    }
}
