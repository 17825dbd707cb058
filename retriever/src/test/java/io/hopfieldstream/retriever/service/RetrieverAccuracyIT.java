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
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retriever on a real broker with the ND4J backend: a memory of the first 1,000 CIFAR-10 test
 * images, probes with Gaussian noise and probes with the lower half masked.
 */
@KafkaBrokerTest
class RetrieverAccuracyIT {

    private static final Logger log = LoggerFactory.getLogger(RetrieverAccuracyIT.class);

    private static final int MEMORY_SIZE = 1_000;
    private static final int PROBES_PER_CORRUPTION = 300;

    @Test
    void noisyAndMaskedProbesRetrieved(TestBroker broker) throws Exception {
        List<CifarImage> images = RetrieverTestKit.firstTestImages(MEMORY_SIZE);
        RetrieverTopics topics = RetrieverTestKit.createTopics(broker);
        String noise = broker.uniqueName("noise-25");
        String masked = broker.uniqueName("lower-half");
        RetrieverTestKit.publishMemory(broker, topics.memoryPatterns(), images);
        RetrieverTestKit.publishProbes(broker, topics.probes(), noise, "gaussian:25", images, PROBES_PER_CORRUPTION,
                11L, 0);
        RetrieverTestKit.publishProbes(broker, topics.probes(), masked, "lower-half", images, PROBES_PER_CORRUPTION,
                12L, 0);

        RetrieverSettings settings = RetrieverSettings.builder()
                .topics(topics)
                .groupId(broker.uniqueName("retriever"))
                .instanceId("accuracy")
                .build();
        String runId;
        try (RetrieverService service = new RetrieverService(settings, RetrieverTestKit.kafka(broker),
                Nd4jCpuBackend::new, new SimpleMeterRegistry())) {
            service.start();
            runId = service.runId();

            await().atMost(Duration.ofSeconds(90))
                    .until(() -> service.totals().retrieved() >= 2L * PROBES_PER_CORRUPTION);

            assertThat(service.memory().size()).isEqualTo(MEMORY_SIZE);
            assertThat(service.backendDescription()).contains("ND4J");
        }

        List<Reconstruction> output = RetrieverTestKit.decodeReconstructions(
                RetrieverTestKit.readAll(broker, topics.reconstructions(), true));
        Map<String, List<Reconstruction>> byExperiment = output.stream()
                .collect(Collectors.groupingBy(Reconstruction::getExperimentId));

        assertThat(output).hasSize(2 * PROBES_PER_CORRUPTION);
        assertThat(output.stream().map(Reconstruction::getProbeId).distinct()).hasSize(2 * PROBES_PER_CORRUPTION);
        assertThat(output).allSatisfy(r -> assertThat(r.getRunId()).isEqualTo(runId));
        assertThat(runId).matches("run-[0-9a-f]{12}");
        assertThat(byExperiment.get(noise)).hasSize(PROBES_PER_CORRUPTION);
        assertThat(byExperiment.get(masked)).hasSize(PROBES_PER_CORRUPTION);
        assertThat(byExperiment.get(masked)).allSatisfy(r -> assertThat(r.getCorruption().getKind()).isEqualTo("lower-half"));
        assertThat(output).allSatisfy(r -> assertThat(r.getPixels().remaining()).isEqualTo(3072));

        log.info("Exact-match rate over {} probes each: gaussian sigma 25 {}, lower half masked {}",
                PROBES_PER_CORRUPTION, exactMatchRate(byExperiment.get(noise)), exactMatchRate(byExperiment.get(masked)));
        assertThat(exactMatchRate(byExperiment.get(noise))).as("exact-match rate, gaussian sigma 25")
                .isGreaterThanOrEqualTo(0.99);
        assertThat(exactMatchRate(byExperiment.get(masked))).as("exact-match rate, lower half masked, mask-aware")
                .isGreaterThanOrEqualTo(0.99);
    }

    private static double exactMatchRate(List<Reconstruction> reconstructions) {
        long exact = reconstructions.stream()
                .filter(r -> Objects.equals(r.getRetrievedPatternId(), r.getTruthPatternId()))
                .count();
        return (double) exact / reconstructions.size();
    }
}
