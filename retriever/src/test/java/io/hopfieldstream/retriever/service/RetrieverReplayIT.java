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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Replays of one experiment's recorded probes under fresh groups and new run ids. */
@KafkaBrokerTest
class RetrieverReplayIT {

    @Test
    void replayRereadsOneExperiment(TestBroker broker) throws Exception {
        List<CifarImage> images = RetrieverTestKit.firstTestImages(200);
        RetrieverTopics topics = RetrieverTestKit.createTopics(broker);
        String replayed = broker.uniqueName("replayed");
        String other = broker.uniqueName("other");
        RetrieverTestKit.publishMemory(broker, topics.memoryPatterns(), images);
        RetrieverTestKit.publishProbes(broker, topics.probes(), replayed, "gaussian:25", images, 30, 51L, 0);
        RetrieverTestKit.publishProbes(broker, topics.probes(), other, "lower-half", images, 20, 52L, 0);
        Instant secondWave = Instant.ofEpochMilli(System.currentTimeMillis() + 1);
        await().until(() -> System.currentTimeMillis() > secondWave.toEpochMilli());
        RetrieverTestKit.publishProbes(broker, topics.probes(), replayed, "gaussian:25", images, 10, 53L, 30);

        RetrieverSettings live = RetrieverSettings.builder()
                .topics(topics)
                .groupId(broker.uniqueName("retriever"))
                .instanceId("live")
                .build();
        String liveRun = retrieveAll(broker, live, 60, 0);

        RetrieverSettings replay = live.toBuilder()
                .groupId(null)
                .transactionalId(null)
                .instanceId("replay")
                .replay(new RetrieverSettings.Replay(replayed, null))
                .build();
        String replayRun = retrieveAll(broker, replay, 40, 20);

        RetrieverSettings lateReplay = live.toBuilder()
                .groupId(null)
                .transactionalId(null)
                .instanceId("late-replay")
                .replay(new RetrieverSettings.Replay(replayed, secondWave))
                .build();
        String lateRun = retrieveAll(broker, lateReplay, 10, 0);

        List<Reconstruction> output = RetrieverTestKit.decodeReconstructions(
                RetrieverTestKit.readAll(broker, topics.reconstructions(), true));
        Map<String, List<Reconstruction>> byRun = output.stream().collect(Collectors.groupingBy(Reconstruction::getRunId));

        assertThat(liveRun).startsWith("run-");
        assertThat(replayRun).startsWith("replay-").isNotEqualTo(lateRun);
        assertThat(byRun).containsOnlyKeys(liveRun, replayRun, lateRun);
        assertThat(byRun.get(liveRun)).hasSize(60);
        assertThat(byRun.get(replayRun)).hasSize(40)
                .allSatisfy(r -> assertThat(r.getExperimentId()).isEqualTo(replayed));
        assertThat(byRun.get(replayRun).stream().map(Reconstruction::getProbeId).distinct()).hasSize(40);
        assertThat(byRun.get(lateRun)).hasSize(10)
                .allSatisfy(r -> assertThat(r.getProbeId()).isGreaterThanOrEqualTo(replayed + "-000030"));
    }

    /** Runs a service until it committed the expected counts, stops it and returns its run id. */
    private static String retrieveAll(TestBroker broker, RetrieverSettings settings, long retrieved, long skipped)
            throws Exception {
        try (RetrieverService service = new RetrieverService(settings, RetrieverTestKit.kafka(broker),
                Nd4jCpuBackend::new, new SimpleMeterRegistry())) {
            service.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> service.totals().retrieved() + service.totals().skipped() >= retrieved + skipped);

            assertThat(service.totals().retrieved()).isEqualTo(retrieved);
            assertThat(service.totals().skipped()).isEqualTo(skipped);
            return service.runId();
        }
    }
}
