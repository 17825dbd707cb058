package io.hopfieldstream.retriever.service;

import io.hopfieldstream.broker.testing.TestBroker;
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
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.serde.RecordCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Shared set-up of the retriever's integration tests: CIFAR-10 images, topics, publishers and readers. */
final class RetrieverTestKit {

    private static List<CifarImage> testImages;

    private RetrieverTestKit() {
    }

    /**
     * Returns the first {@code count} images of the CIFAR-10 test split, read once per JVM. The data
     * is found through the system property {@code hopfield.data}, the environment variable
     * {@code HOPFIELD_DATA}, or {@code shared/cifar-10} beside the repository.
     */
    static synchronized List<CifarImage> firstTestImages(int count) {
        if (testImages == null || testImages.size() < count) {
            CifarReader reader = new CifarReader(dataSource());
            testImages = reader.read(CifarSelection.range(CifarSplit.TEST, 0, Math.max(count, 1_000)));
        }
        return testImages.subList(0, count);
    }

    private static CifarSource dataSource() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("hopfield.data")).filter(p -> !p.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("HOPFIELD_DATA")).filter(p -> !p.isBlank()).map(Path::of)
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

    /** Creates fresh topics for one test: a compacted memory topic, 3 probe and 3 output partitions. */
    static RetrieverTopics createTopics(TestBroker broker) {
        RetrieverTopics topics = new RetrieverTopics(broker.uniqueName("memory"), broker.uniqueName("probes"),
                broker.uniqueName("reconstructions"), broker.uniqueName("dead-letter"));
        broker.createTopic(topics.memoryPatterns(), 1,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        broker.createTopic(topics.probes(), 3);
        broker.createTopic(topics.reconstructions(), 3);
        broker.createTopic(topics.deadLetter(), 1);
        return topics;
    }

    static Map<String, Object> kafka(TestBroker broker) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", broker.bootstrapServers());
        return properties;
    }

    static void publishMemory(TestBroker broker, String topic, List<CifarImage> images) {
        try (MemoryBankPublisher publisher = new MemoryBankPublisher(kafka(broker),
                MemoryBankPublisher.Settings.defaults().withTopic(topic))) {
            publisher.publish(images);
        }
    }

    /** Publishes {@code count} probes of the first {@code count} targets, shuffled with the seed. */
    static void publishProbes(TestBroker broker, String topic, String experimentId, String corruption,
            List<CifarImage> images, int count, long seed, long firstProbeIndex) {
        publishProbes(broker, topic, experimentId, corruption, images, count, seed, firstProbeIndex,
                ProbeSettings.UNLIMITED_RATE);
    }

    /** Publishes probes as {@link #publishProbes} does, at most {@code ratePerSecond} per second (0 for no limit). */
    static void publishProbes(TestBroker broker, String topic, String experimentId, String corruption,
            List<CifarImage> images, int count, long seed, long firstProbeIndex, double ratePerSecond) {
        List<ProbeTarget> targets = ProbeTarget.shuffled(ProbeTarget.stored(images), seed);
        ProbeSettings settings = ProbeSettings.defaults(experimentId, CorruptionSpec.parse(corruption))
                .withSeed(seed)
                .withCount(count)
                .withFirstProbeIndex(firstProbeIndex)
                .withRate(ratePerSecond)
                .withTopic(topic);
        try (ProbePublisher publisher = new ProbePublisher(kafka(broker))) {
            publisher.publish(targets, settings);
        }
    }

    /** Reads every record of a topic up to its current end, read_committed or read_uncommitted. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(TestBroker broker, String topic, boolean committedOnly) {
        Map<String, Object> config = kafka(broker);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);

        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Timed out reading " + topic + " to " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    static List<Reconstruction> decodeReconstructions(List<ConsumerRecord<byte[], byte[]>> records) {
        RecordCodec<Reconstruction> codec = RecordCodec.forClass(Reconstruction.class);
        return records.stream().map(record -> codec.decode(record.topic(), record.value())).toList();
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }
}
