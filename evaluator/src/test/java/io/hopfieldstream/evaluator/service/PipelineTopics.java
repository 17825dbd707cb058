package io.hopfieldstream.evaluator.service;

import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.evaluator.topology.TopologySettings;
import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.config.KafkaProperties;
import io.hopfieldstream.schemas.serde.RecordSerdes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/** Topics of one integration test on the shared broker, with helpers to write inputs and read outputs. */
final class PipelineTopics {

    final TestBroker broker;
    final String reconstructions;
    final String patterns;
    final String metrics;
    final String deadLetters;
    final String applicationId;

    PipelineTopics(TestBroker broker) {
        this.broker = broker;
        reconstructions = broker.uniqueName("reconstructions");
        patterns = broker.uniqueName("patterns");
        metrics = broker.uniqueName("metrics");
        deadLetters = broker.uniqueName("dead-letters");
        applicationId = broker.uniqueName("evaluator");
        broker.createTopic(reconstructions, 3);
        broker.createTopic(patterns, 1, Map.of("cleanup.policy", "compact"));
        broker.createTopic(metrics, 1);
        broker.createTopic(deadLetters, 1);
    }

    /** Returns evaluator settings on these topics: 10 s windows advancing by 5 s with 2 s grace, K = 3. */
    EvaluatorSettings settings(Path stateDir) {
        TopologySettings topology = TopologySettings.defaults()
                .withTopics(reconstructions, patterns, metrics)
                .withWindows(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(2))
                .withCountWindowSize(3);
        KafkaProperties kafka = KafkaProperties.builder()
                .defaultValue("bootstrap.servers", broker.bootstrapServers())
                .defaultValue(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100")
                .defaultValue(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1")
                .build();
        return EvaluatorSettings.defaults(broker.bootstrapServers())
                .withTopology(topology)
                .withApplicationId(applicationId)
                .withStateDir(stateDir)
                .withDeadLetterTopic(deadLetters)
                .withHttp("127.0.0.1", 0)
                .withShutdownTimeout(Duration.ofSeconds(20))
                .withKafka(kafka);
    }

    void sendPatterns(Map<String, MemoryPattern> stored) {
        try (KafkaProducer<String, MemoryPattern> producer = new KafkaProducer<>(producerProperties(),
                new StringSerializer(), RecordSerdes.memoryPattern().serializer())) {
            stored.forEach((id, pattern) -> producer.send(new ProducerRecord<>(patterns, id, pattern)));
            producer.flush();
        }
    }

    void sendReconstructions(List<Reconstruction> records) {
        try (KafkaProducer<String, Reconstruction> producer = new KafkaProducer<>(producerProperties(),
                new StringSerializer(), RecordSerdes.reconstruction().serializer())) {
            for (Reconstruction record : records) {
                producer.send(new ProducerRecord<>(reconstructions, record.getProbeId(), record));
            }
            producer.flush();
        }
    }

    void sendRawReconstruction(String key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(reconstructions, key.getBytes(), value));
            producer.flush();
        }
    }

    /** Reads the committed metrics records so far and returns the latest value per key. */
    Map<String, WindowMetrics> latestMetrics() {
        Map<String, WindowMetrics> latest = new HashMap<>();
        for (ConsumerRecord<String, WindowMetrics> record : readAll(metrics, new StringDeserializer(),
                RecordSerdes.windowMetrics().deserializer())) {
            latest.put(record.key(), record.value());
        }
        return latest;
    }

    List<ConsumerRecord<byte[], byte[]>> readDeadLetters() {
        return readAll(deadLetters, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private <K, V> List<ConsumerRecord<K, V>> readAll(String topic,
            org.apache.kafka.common.serialization.Deserializer<K> keys,
            org.apache.kafka.common.serialization.Deserializer<V> values) {
        Properties properties = broker.clientProperties();
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, broker.uniqueName("reader"));
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(properties, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private Properties producerProperties() {
        Properties properties = broker.clientProperties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return properties;
    }
}
