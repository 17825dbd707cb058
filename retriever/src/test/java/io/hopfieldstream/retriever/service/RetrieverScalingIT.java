package io.hopfieldstream.retriever.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.publish.MemoryBankPublisher;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.deadletter.DeadLetterInfo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The retriever while its memory changes and while instances join and leave its group. */
@KafkaBrokerTest
class RetrieverScalingIT {

    @Test
    void memoryChangeDuringRun(TestBroker broker) throws Exception {
        List<CifarImage> images = RetrieverTestKit.firstTestImages(150);
        RetrieverTopics topics = RetrieverTestKit.createTopics(broker);
        String before = broker.uniqueName("before");
        String after = broker.uniqueName("after");
        String removed = broker.uniqueName("removed");
        RetrieverTestKit.publishMemory(broker, topics.memoryPatterns(), images.subList(0, 100));

        RetrieverSettings settings = RetrieverSettings.builder()
                .topics(topics)
                .groupId(broker.uniqueName("retriever"))
                .instanceId("memory-change")
                .batchSize(32)
                .build();
        Set<String> oldIds = ids(images.subList(0, 100));
        Set<String> newIds = ids(images.subList(50, 150));
        try (RetrieverService service = new RetrieverService(settings, RetrieverTestKit.kafka(broker),
                Nd4jCpuBackend::new, new SimpleMeterRegistry())) {
            service.start();
            RetrieverTestKit.publishProbes(broker, topics.probes(), before, "gaussian:25", images.subList(0, 100), 50,
                    61L, 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.totals().retrieved() >= 50);

            try (MemoryBankPublisher publisher = new MemoryBankPublisher(RetrieverTestKit.kafka(broker),
                    MemoryBankPublisher.Settings.defaults().withTopic(topics.memoryPatterns()))) {
                publisher.publish(images.subList(100, 150));
                publisher.remove(ids(images.subList(0, 50)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> service.memory().size() == 100
                    && !service.memory().contains(images.get(0).patternId()));
            assertThat(ids(service.memory())).isEqualTo(newIds);

            RetrieverTestKit.publishProbes(broker, topics.probes(), after, "gaussian:25", images.subList(100, 150), 50,
                    62L, 0);
            RetrieverTestKit.publishProbes(broker, topics.probes(), removed, "gaussian:25", images.subList(0, 10), 10,
                    63L, 0);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> service.totals().retrieved() >= 100 && service.totals().rejected() >= 10);
            assertThat(service.totals().retrieved()).isEqualTo(100);
            assertThat(service.totals().rejected()).isEqualTo(10);
        }

        Map<String, List<Reconstruction>> byExperiment = RetrieverTestKit.decodeReconstructions(
                        RetrieverTestKit.readAll(broker, topics.reconstructions(), true)).stream()
                .collect(Collectors.groupingBy(Reconstruction::getExperimentId));
        assertThat(byExperiment).containsOnlyKeys(before, after);
        assertThat(byExperiment.get(before)).hasSize(50)
                .allSatisfy(r -> assertThat(r.getRetrievedPatternId()).isIn(oldIds))
                .allSatisfy(r -> assertThat(r.getRetrievedPatternId()).isEqualTo(r.getTruthPatternId()));
        assertThat(byExperiment.get(after)).hasSize(50)
                .allSatisfy(r -> assertThat(r.getRetrievedPatternId()).isIn(newIds))
                .allSatisfy(r -> assertThat(r.getRetrievedPatternId()).isEqualTo(r.getTruthPatternId()));

        List<DeadLetterInfo> deadLetters = RetrieverTestKit.readAll(broker, topics.deadLetter(), true).stream()
                .map(DeadLetterInfo::from)
                .toList();
        assertThat(deadLetters).hasSize(10).allSatisfy(info -> assertThat(info.reason()).isEqualTo("UNKNOWN_PATTERN"));
    }

    @Test
    void instancesJoinAndLeave(TestBroker broker) throws Exception {
        List<CifarImage> images = RetrieverTestKit.firstTestImages(300);
        RetrieverTopics topics = RetrieverTestKit.createTopics(broker);
        String experiment = broker.uniqueName("scale");
        RetrieverTestKit.publishMemory(broker, topics.memoryPatterns(), images);

        RetrieverSettings first = RetrieverSettings.builder()
                .topics(topics)
                .groupId(broker.uniqueName("retriever"))
                .instanceId("node-a")
                .batchSize(16)
                .build();
        RetrieverSettings second = first.toBuilder().instanceId("node-b").transactionalId(null).build();
        Map<String, Object> kafka = RetrieverTestKit.kafka(broker);
        int probes = 600;

        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> RetrieverTestKit.publishProbes(broker,
                topics.probes(), experiment, "gaussian:25", images, probes, 71L, 0, 100));
        RetrieverService a = new RetrieverService(first, kafka, Nd4jCpuBackend::new, new SimpleMeterRegistry());
        RetrieverService b = new RetrieverService(second, kafka, Nd4jCpuBackend::new, new SimpleMeterRegistry());
        try {
            a.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.totals().retrieved() >= probes / 4);

            b.start();
            assertThat(b.memory().size()).as("memory complete before the new instance serves").isEqualTo(300);
            await().atMost(Duration.ofSeconds(30)).until(() -> b.totals().retrieved() > 0);

            assertThat(a.stop(Duration.ofSeconds(30))).isTrue();
            assertThat(a.state()).isEqualTo(RetrieverService.State.STOPPED);
            publishing.get();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> a.totals().retrieved() + b.totals().retrieved() >= probes);
        } finally {
            a.close();
            b.close();
        }

        List<Reconstruction> output = RetrieverTestKit.decodeReconstructions(
                RetrieverTestKit.readAll(broker, topics.reconstructions(), true));
        assertThat(a.totals().retrieved() + b.totals().retrieved()).isEqualTo(probes);
        assertThat(a.totals().partitionsRevoked()).isPositive();
        assertThat(output).hasSize(probes);
        assertThat(output.stream().map(Reconstruction::getProbeId).distinct()).hasSize(probes);
        assertThat(output.stream().map(Reconstruction::getRunId).distinct()).hasSize(1);
        assertThat(output.stream().filter(r -> Objects.equals(r.getRetrievedPatternId(), r.getTruthPatternId())))
                .hasSize(probes);
    }

    private static Set<String> ids(List<CifarImage> images) {
        return images.stream().map(CifarImage::patternId).collect(Collectors.toSet());
    }

    private static Set<String> ids(io.hopfieldstream.retriever.memory.MemoryVersion memory) {
        return memory.snapshot().patterns().stream().map(p -> p.patternId()).collect(Collectors.toSet());
    }
}
