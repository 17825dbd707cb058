package io.hopfieldstream.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.evaluator.http.GroupReport;
import io.hopfieldstream.evaluator.http.MetricsJson;
import io.hopfieldstream.evaluator.http.RunReport;
import io.hopfieldstream.evaluator.scoring.ScoredReconstruction;
import io.hopfieldstream.evaluator.scoring.Scorer;
import io.hopfieldstream.evaluator.topology.TopologySettings;
import io.hopfieldstream.evaluator.windows.MetricsAccumulator;
import io.hopfieldstream.evaluator.windows.MetricsGroup;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.dataset.CifarSelection;
import io.hopfieldstream.producer.dataset.CifarSource;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.producer.publish.MemoryBankPublisher;
import io.hopfieldstream.producer.publish.ProbePublisher;
import io.hopfieldstream.producer.publish.ProbeSettings;
import io.hopfieldstream.producer.publish.ProbeTarget;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.retriever.service.RetrieverSettings;
import io.hopfieldstream.retriever.service.RetrieverTopics;
import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.config.KafkaProperties;
import io.hopfieldstream.schemas.serde.RecordSerdes;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The whole pipeline on a real broker: the producer publishes 100 CIFAR-10 test images and probes of two
 * corruptions, the retriever reconstructs them with the ND4J backend, and the evaluator scores them. The
 * evaluator's totals must equal a direct scoring of the reconstructions on the topic, and its HTTP view must equal
 * its metrics topic.
 */
@KafkaBrokerTest
class PipelineIT {

    private static final int MEMORY_SIZE = 100;
    private static final int NOISY_PROBES = 60;
    private static final int MASKED_PROBES = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    @Test
    void evaluatorScoresRetrieverOutput(TestBroker broker) throws Exception {
        List<CifarImage> images = new CifarReader(dataSource())
                .read(CifarSelection.range(CifarSplit.TEST, 0, MEMORY_SIZE));
        RetrieverTopics topics = new RetrieverTopics(broker.uniqueName("memory"), broker.uniqueName("probes"),
                broker.uniqueName("reconstructions"), broker.uniqueName("dead-letter"));
        String metricsTopic = broker.uniqueName("metrics");
        broker.createTopic(topics.memoryPatterns(), 1, Map.of("cleanup.policy", "compact"));
        broker.createTopic(topics.probes(), 3);
        broker.createTopic(topics.reconstructions(), 3);
        broker.createTopic(topics.deadLetter(), 1);
        broker.createTopic(metricsTopic, 1);
        Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());

        try (MemoryBankPublisher publisher = new MemoryBankPublisher(kafka,
                MemoryBankPublisher.Settings.defaults().withTopic(topics.memoryPatterns()))) {
            publisher.publish(images);
        }

        String experimentId = broker.uniqueName("pipeline");
        try (EvaluatorService evaluator = EvaluatorService.start(evaluatorSettings(broker, topics, metricsTopic));
                RetrieverService retriever = new RetrieverService(RetrieverSettings.builder()
                        .topics(topics)
                        .groupId(broker.uniqueName("retriever"))
                        .instanceId("pipeline")
                        .build(), kafka, Nd4jCpuBackend::new, new SimpleMeterRegistry())) {
            assertThat(evaluator.awaitReady(TIMEOUT)).isTrue();
            retriever.start();
            publishProbes(kafka, topics.probes(), experimentId, "gaussian:25", images, NOISY_PROBES, 21L, 0L);
            publishProbes(kafka, topics.probes(), experimentId, "lower-half", images, MASKED_PROBES, 22L,
                    NOISY_PROBES);
            String runId = retriever.runId();

            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                RunReport report = evaluator.metrics().run(experimentId, runId).orElseThrow();
                assertThat(report.groups()).hasSize(2);
                assertThat(report.groups()).allSatisfy(group -> assertThat(group.cumulative().getCount())
                        .isEqualTo(group.corruptionKind().equals("gaussian") ? NOISY_PROBES : MASKED_PROBES));
            });

            Map<String, MetricsAccumulator> expected = scoreDirectly(broker, topics.reconstructions(), images);
            Map<String, WindowMetrics> onTopic = latestMetrics(broker, metricsTopic);
            RunReport report = evaluator.metrics().run(experimentId, runId).orElseThrow();

            for (GroupReport group : report.groups()) {
                String groupKey = new MetricsGroup(experimentId, runId, group.corruptionKind(),
                        group.corruptionLevel()).key();
                MetricsAccumulator direct = expected.get(group.corruptionKind());
                WindowMetrics cumulative = onTopic.get(groupKey + "/cumulative");

                assertThat(cumulative.getCount()).isEqualTo(direct.count());
                assertThat(cumulative.getCorrectCount()).isEqualTo(direct.correctCount());
                assertThat(cumulative.getExactMatchRate()).isEqualTo(direct.exactMatchRate());
                assertThat(cumulative.getSimilarityLoss()).isCloseTo(direct.similarityLoss(), within(1e-9));
                assertThat(cumulative.getMeanPsnr()).isCloseTo(direct.meanPsnr(), within(1e-9));
                assertThat(cumulative.getLatencyP50Ms()).isEqualTo((double) direct.latencyPercentileMs(50));
                assertThat(cumulative.getExactMatchRate()).isGreaterThanOrEqualTo(0.95);

                assertThat(withoutEmittedAt(group.cumulative())).isEqualTo(withoutEmittedAt(cumulative));
                assertThat(withoutEmittedAt(group.count())).isEqualTo(withoutEmittedAt(onTopic.get(groupKey + "/count")));
                for (WindowMetrics window : group.hopping()) {
                    WindowMetrics published = onTopic.get(groupKey + "/hopping/" + window.getWindowStartMs());
                    assertThat(withoutEmittedAt(window)).isEqualTo(withoutEmittedAt(published));
                }
            }
        }
    }

    private EvaluatorSettings evaluatorSettings(TestBroker broker, RetrieverTopics topics, String metricsTopic) {
        TopologySettings topology = TopologySettings.defaults()
                .withTopics(topics.reconstructions(), topics.memoryPatterns(), metricsTopic)
                .withCountWindowSize(20);
        KafkaProperties kafka = KafkaProperties.builder()
                .defaultValue("bootstrap.servers", broker.bootstrapServers())
                .defaultValue(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100")
                .build();
        return EvaluatorSettings.defaults(broker.bootstrapServers())
                .withTopology(topology)
                .withApplicationId(broker.uniqueName("evaluator"))
                .withStateDir(stateDir)
                .withDeadLetterTopic(topics.deadLetter())
                .withHttp("127.0.0.1", 0)
                .withKafka(kafka);
    }

    private static void publishProbes(Map<String, Object> kafka, String topic, String experimentId,
            String corruption, List<CifarImage> images, int count, long seed, long firstProbeIndex) {
        List<ProbeTarget> targets = ProbeTarget.shuffled(ProbeTarget.stored(images), seed);
        ProbeSettings settings = ProbeSettings.defaults(experimentId, CorruptionSpec.parse(corruption))
                .withSeed(seed)
                .withCount(count)
                .withFirstProbeIndex(firstProbeIndex)
                .withTopic(topic);
        try (ProbePublisher publisher = new ProbePublisher(kafka)) {
            publisher.publish(targets, settings);
        }
    }

    /** Scores every committed reconstruction against its original and totals the scores per corruption kind. */
    private static Map<String, MetricsAccumulator> scoreDirectly(TestBroker broker, String topic,
            List<CifarImage> images) {
        Map<String, MemoryPattern> originals = new HashMap<>();
        for (CifarImage image : images) {
            MemoryPattern pattern = MemoryBankPublisher.toPattern(image);
            originals.put(pattern.getPatternId(), pattern);
        }

        Scorer scorer = TopologySettings.defaults().scorer();
        Map<String, MetricsAccumulator> totals = new HashMap<>();
        for (Reconstruction reconstruction : readAll(broker, topic)) {
            ScoredReconstruction scored = scorer.score(reconstruction,
                    originals.get(reconstruction.getTruthPatternId()));
            totals.computeIfAbsent(scored.corruptionKind(), kind -> new MetricsAccumulator()).add(scored.sample());
        }
        return totals;
    }

    private static List<Reconstruction> readAll(TestBroker broker, String topic) {
        Properties properties = broker.clientProperties();
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Reconstruction> records = new ArrayList<>();
        try (KafkaConsumer<String, Reconstruction> consumer = new KafkaConsumer<>(properties,
                new StringDeserializer(), RecordSerdes.reconstruction().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> records.add(record.value()));
            }
        }
        return records;
    }

    private static Map<String, WindowMetrics> latestMetrics(TestBroker broker, String topic) {
        Properties properties = broker.clientProperties();
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, WindowMetrics> latest = new HashMap<>();
        try (KafkaConsumer<String, WindowMetrics> consumer = new KafkaConsumer<>(properties,
                new StringDeserializer(), RecordSerdes.windowMetrics().deserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> latest.put(record.key(), record.value()));
            }
        }
        return latest;
    }

    private static JsonNode withoutEmittedAt(WindowMetrics metrics) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(new MetricsJson().write(MetricsJson.toMap(metrics)));
        json.remove("emittedAtMs");
        return json;
    }

    /** Finds the CIFAR-10 data through hopfield.data, HOPFIELD_DATA, or shared/cifar-10 beside the repository. */
    private static CifarSource dataSource() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("hopfield.data")).filter(path -> !path.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("HOPFIELD_DATA")).filter(path -> !path.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        candidates.add(Path.of("..", "..", "shared", "cifar-10"));
        candidates.add(Path.of("..", "shared", "cifar-10"));
        for (Path candidate : candidates) {
            Optional<CifarSource> source = CifarSource.detect(candidate.toAbsolutePath().normalize());
            if (source.isPresent()) {
                return source.get();
            }
        }
        throw new IllegalStateException("No CIFAR-10 data in " + candidates
                + "; set HOPFIELD_DATA or -Dhopfield.data to the folder or archive");
    }
}
