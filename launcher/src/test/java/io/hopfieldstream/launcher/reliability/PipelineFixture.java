package io.hopfieldstream.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.evaluator.service.EvaluatorService;
import io.hopfieldstream.evaluator.service.EvaluatorSettings;
import io.hopfieldstream.evaluator.topology.TopologySettings;
import io.hopfieldstream.launcher.CifarTestData;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarSelection;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.producer.publish.MemoryBankPublisher;
import io.hopfieldstream.producer.publish.ProbePublisher;
import io.hopfieldstream.producer.publish.ProbeSettings;
import io.hopfieldstream.producer.publish.ProbeSummary;
import io.hopfieldstream.producer.publish.ProbeTarget;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.service.BatchHook;
import io.hopfieldstream.retriever.service.RetrievalBackendFactory;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.retriever.service.RetrieverSettings;
import io.hopfieldstream.retriever.service.RetrieverTopics;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.config.KafkaProperties;
import io.hopfieldstream.schemas.serde.RecordCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One test's copy of the pipeline on a test broker: its own topics, CIFAR-10 test images, the
 * producer's publishers, retriever and evaluator services, and readers that return exactly the records a
 * read_committed consumer receives from each topic.
 */
final class PipelineFixture {

    /** Maximum wait for one step of the pipeline, generous so that a busy CI machine does not fail the tests. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final RecordCodec<Reconstruction> RECONSTRUCTIONS = RecordCodec.forClass(Reconstruction.class);
    private static final RecordCodec<WindowMetrics> METRICS = RecordCodec.forClass(WindowMetrics.class);

    private static List<CifarImage> testImages = List.of();

    private final TestBroker broker;
    private final RetrieverTopics topics;
    private final String metricsTopic;

    /**
     * Creates the topics: a compacted one-partition memory topic, the probe and reconstruction
     * topics with the given partitions, and one partition each for dead letters and metrics.
     */
    PipelineFixture(TestBroker broker, int probePartitions, int reconstructionPartitions) {
        this.broker = broker;
        this.topics = new RetrieverTopics(broker.uniqueName("memory"), broker.uniqueName("probes"),
                broker.uniqueName("reconstructions"), broker.uniqueName("dead-letter"));
        this.metricsTopic = broker.uniqueName("metrics");
        broker.createTopic(topics.memoryPatterns(), 1,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        broker.createTopic(topics.probes(), probePartitions);
        broker.createTopic(topics.reconstructions(), reconstructionPartitions);
        broker.createTopic(topics.deadLetter(), 1);
        broker.createTopic(metricsTopic, 1);
    }

    /** Returns the first {@code count} images of the CIFAR-10 test split, read once per JVM. */
    static synchronized List<CifarImage> images(int count) {
        if (testImages.size() < count) {
            testImages = CifarTestData.reader().read(CifarSelection.range(CifarSplit.TEST, 0, Math.max(count, 400)));
        }
        return testImages.subList(0, count);
    }

    TestBroker broker() {
        return broker;
    }

    RetrieverTopics topics() {
        return topics;
    }

    String metricsTopic() {
        return metricsTopic;
    }

    /** Returns client properties holding only the bootstrap servers. */
    Map<String, Object> kafka() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", broker.bootstrapServers());
        return properties;
    }

    /** Returns client properties for a retriever whose crashed members leave the group after 6 s, the broker's minimum. */
    Map<String, Object> kafkaWithShortSession() {
        Map<String, Object> properties = kafka();
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        return properties;
    }

    void publishMemory(List<CifarImage> images) {
        try (MemoryBankPublisher publisher = new MemoryBankPublisher(kafka(),
                MemoryBankPublisher.Settings.defaults().withTopic(topics.memoryPatterns()))) {
            publisher.publish(images);
        }
    }

    void removeFromMemory(List<String> patternIds) {
        try (MemoryBankPublisher publisher = new MemoryBankPublisher(kafka(),
                MemoryBankPublisher.Settings.defaults().withTopic(topics.memoryPatterns()))) {
            publisher.remove(patternIds);
        }
    }

    /** Returns probe settings for this fixture's probe topic: Gaussian noise of sigma 25, unlimited rate. */
    ProbeSettings probeSettings(String experimentId, long seed) {
        return ProbeSettings.defaults(experimentId, CorruptionSpec.parse("gaussian:25"))
                .withSeed(seed)
                .withTopic(topics.probes())
                .withCreateTopic(false);
    }

    /** Publishes probes of the images in a shuffled order on a thread of its own; stop it with the returned handle. */
    ProbeStream streamProbes(List<CifarImage> images, ProbeSettings settings) {
        ProbePublisher publisher = new ProbePublisher(kafka());
        List<ProbeTarget> targets = ProbeTarget.shuffled(ProbeTarget.stored(images), settings.experimentSeed());
        CompletableFuture<ProbeSummary> summary = CompletableFuture.supplyAsync(() -> {
            try (publisher) {
                return publisher.publish(targets, settings);
            }
        });
        return new ProbeStream(publisher, summary);
    }

    /** Publishes probes and returns once the broker acknowledged all of them. */
    ProbeSummary publishProbes(List<CifarImage> images, ProbeSettings settings) {
        return streamProbes(images, settings).finish();
    }

    /** Returns retriever settings for this fixture's topics with a fresh group, batches of at most 32 probes. */
    RetrieverSettings.Builder retrieverSettings(String groupId, String instanceId) {
        return RetrieverSettings.builder()
                .topics(topics)
                .groupId(groupId)
                .instanceId(instanceId)
                .batchSize(32)
                .maxBatchWait(Duration.ofMillis(20));
    }

    /** Creates and starts a retriever on the ND4J CPU backend. */
    static RetrieverService startRetriever(RetrieverSettings settings, Map<String, Object> kafka, BatchHook hook)
            throws InterruptedException {
        return startRetriever(settings, kafka, Nd4jCpuBackend::new, hook);
    }

    static RetrieverService startRetriever(RetrieverSettings settings, Map<String, Object> kafka,
            RetrievalBackendFactory backend, BatchHook hook) throws InterruptedException {
        RetrieverService service = new RetrieverService(settings, kafka, backend, new SimpleMeterRegistry(), hook);
        service.start();
        return service;
    }

    /**
     * Returns evaluator settings for this fixture's topics: the given application id, metrics topic
     * and state directory, an HTTP server on a free port, commits every 100 ms, and a count window
     * of 50 reconstructions.
     */
    EvaluatorSettings evaluatorSettings(String applicationId, String metrics, Path stateDir) {
        TopologySettings topology = TopologySettings.defaults()
                .withTopics(topics.reconstructions(), topics.memoryPatterns(), metrics)
                .withCountWindowSize(50);
        KafkaProperties kafka = KafkaProperties.builder()
                .defaultValue("bootstrap.servers", broker.bootstrapServers())
                .defaultValue(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100")
                .build();
        return EvaluatorSettings.defaults(broker.bootstrapServers())
                .withTopology(topology)
                .withApplicationId(applicationId)
                .withStateDir(stateDir)
                .withDeadLetterTopic(topics.deadLetter())
                .withHttp("127.0.0.1", 0)
                .withShutdownTimeout(Duration.ofSeconds(30))
                .withKafka(kafka);
    }

    /** Returns the committed reconstructions on the reconstruction topic. */
    List<Reconstruction> reconstructions() {
        return readAll(topics.reconstructions(), IsolationLevel.READ_COMMITTED).stream()
                .map(record -> RECONSTRUCTIONS.decode(record.topic(), record.value()))
                .toList();
    }

    /** Returns the probe ids (record keys) on the probe topic. */
    List<String> probeIds() {
        return readAll(topics.probes(), IsolationLevel.READ_COMMITTED).stream()
                .map(record -> new String(record.key(), StandardCharsets.UTF_8))
                .toList();
    }

    /** Returns the records on the dead-letter topic. */
    List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        return readAll(topics.deadLetter(), IsolationLevel.READ_COMMITTED);
    }

    /** Returns the latest metrics record per key on a metrics topic. */
    Map<String, WindowMetrics> latestMetrics(String metrics) {
        Map<String, WindowMetrics> latest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(metrics, IsolationLevel.READ_COMMITTED)) {
            latest.put(new String(record.key(), StandardCharsets.UTF_8), METRICS.decode(record.topic(), record.value()));
        }
        return latest;
    }

    /**
     * Returns the sum over the reconstruction topic's partitions of the end offsets as a
     * read_committed reader sees them (the last stable offsets) or as written (the high watermarks).
     * The two differ while a transaction is open.
     */
    long endOffsetSum(IsolationLevel isolation) throws Exception {
        return endOffsets(topics.reconstructions(), isolation).values().stream().mapToLong(Long::longValue).sum();
    }

    Map<TopicPartition, Long> endOffsets(String topic, IsolationLevel isolation) throws Exception {
        Map<TopicPartition, OffsetSpec> request = broker.admin().describeTopics(List.of(topic)).allTopicNames().get()
                .get(topic).partitions().stream()
                .collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()),
                        info -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = broker.admin()
                .listOffsets(request, new ListOffsetsOptions(isolation)).all().get();
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Reads every record of a topic up to the end offsets a consumer of that isolation level sees now. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, IsolationLevel isolation) {
        Map<String, Object> config = kafka();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);

        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Timed out reading " + topic + " to " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Checks that the reconstructions hold exactly one per probe id: no probe missing, none twice,
     * none for a probe that was not published.
     */
    static void assertOnePerProbe(List<Reconstruction> reconstructions, List<String> probeIds) {
        assertThat(probeIds).as("probe ids on the probe topic").doesNotHaveDuplicates();
        Map<String, Long> perProbe = reconstructions.stream()
                .collect(Collectors.groupingBy(Reconstruction::getProbeId, Collectors.counting()));
        Map<String, Long> duplicated = perProbe.entrySet().stream()
                .filter(entry -> entry.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(duplicated).as("probes with more than one committed reconstruction").isEmpty();
        assertThat(perProbe.keySet()).as("probes with a committed reconstruction")
                .containsExactlyInAnyOrderElementsOf(probeIds);
        assertThat(reconstructions).as("committed reconstructions").hasSize(probeIds.size());
    }

    /** Returns the cumulative count of one run over every corruption group, read from the evaluator's stores. */
    static long cumulativeCount(EvaluatorService evaluator, String experimentId, String runId) {
        Optional<io.hopfieldstream.evaluator.http.RunReport> report;
        try {
            report = evaluator.metrics().run(experimentId, runId);
        } catch (RuntimeException e) {
            return -1;
        }
        return report.map(r -> r.groups().stream().mapToLong(g -> g.cumulative().getCount()).sum()).orElse(0L);
    }

    /** A probe publisher running on its own thread. */
    record ProbeStream(ProbePublisher publisher, CompletableFuture<ProbeSummary> summary) {

        /** Asks the publisher to stop after the probe it is sending, then waits for its summary. */
        ProbeSummary stop() {
            publisher.requestStop();
            return finish();
        }

        /** Waits until the publisher sent its count and the broker acknowledged every probe. */
        ProbeSummary finish() {
            return summary.orTimeout(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).join();
        }
    }
}
