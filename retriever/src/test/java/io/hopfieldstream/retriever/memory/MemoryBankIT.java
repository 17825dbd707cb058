package io.hopfieldstream.retriever.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.deadletter.DeadLetterInfo;
import io.hopfieldstream.schemas.serde.RecordCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The memory follower against a real broker: start-up load, changes while running, rejects and catch-up. */
@KafkaBrokerTest
class MemoryBankIT {

    private static final RecordCodec<MemoryPattern> CODEC = RecordCodec.forClass(MemoryPattern.class);

    @Test
    void loadsToEndThenFollows(TestBroker broker) throws Exception {
        String topic = broker.uniqueName("memory");
        String deadLetter = broker.uniqueName("dead-letter");
        broker.createTopic(topic, 2, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        broker.createTopic(deadLetter, 1);

        try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
            for (int i = 0; i < 50; i++) {
                send(producer, topic, id(i), pattern(id(i), 3072));
            }
            send(producer, topic, "broken", pattern("broken", 3000));
            send(producer, topic, id(49), null);
            producer.flush();

            try (MemoryBank bank = bank(broker, topic, deadLetter)) {
                MemoryVersion loaded = bank.start(Duration.ofSeconds(30));

                assertThat(loaded.size()).isEqualTo(49);
                assertThat(loaded.contains(id(48))).isTrue();
                assertThat(loaded.contains(id(49))).isFalse();
                assertThat(loaded.contains("broken")).isFalse();
                assertThat(bank.rejectedCount()).isEqualTo(1);

                for (int i = 50; i < 60; i++) {
                    send(producer, topic, id(i), pattern(id(i), 3072));
                }
                for (int i = 0; i < 5; i++) {
                    send(producer, topic, id(i), null);
                }
                producer.flush();
                await().atMost(Duration.ofSeconds(20)).until(() -> bank.current().size() == 54);

                MemoryVersion changed = bank.current();
                assertThat(changed.version()).isGreaterThan(loaded.version());
                assertThat(changed.contains(id(0))).isFalse();
                assertThat(changed.contains(id(59))).isTrue();
                assertThat(loaded.size()).as("an earlier version never changes").isEqualTo(49);
                assertThat(loaded.contains(id(0))).isTrue();

                send(producer, topic, id(77), pattern(id(77), 3072));
                producer.flush();
                MemoryVersion caughtUp = bank.catchUp(Duration.ofSeconds(10));
                assertThat(caughtUp.contains(id(77))).isTrue();
            }
        }

        List<ConsumerRecord<byte[], byte[]>> deadLetters = readAll(broker, deadLetter);
        assertThat(deadLetters).hasSize(1);
        DeadLetterInfo info = DeadLetterInfo.from(deadLetters.get(0));
        assertThat(info.reason()).isEqualTo("WRONG_PIXEL_COUNT");
        assertThat(info.sourceTopic()).isEqualTo(topic);
        assertThat(new String(deadLetters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("broken");
    }

    @Test
    void missingTopicFailsStart(TestBroker broker) {
        String topic = broker.uniqueName("absent");

        MemoryBank bank = bank(broker, topic, broker.uniqueName("dead-letter"));

        assertThatThrownBy(() -> bank.start(Duration.ofSeconds(2)))
                .isInstanceOf(MemoryLoadException.class)
                .hasMessageContaining("Memory topic '" + topic + "' does not exist");
    }

    @Test
    void unreachableClusterFailsStart() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", "127.0.0.1:1");
        MemoryBank bank = new MemoryBank("memory", "dead-letter", consumer(config), producer(config),
                new SimpleMeterRegistry());

        assertThatThrownBy(() -> bank.start(Duration.ofSeconds(2)))
                .isInstanceOf(MemoryLoadException.class)
                .satisfies(e -> assertThat(((MemoryLoadException) e).clusterUnreachable()).isTrue())
                .hasMessageContaining("Could not reach the Kafka cluster");
    }

    private static String id(int index) {
        return String.format("test-%05d", index);
    }

    private static byte[] pattern(String id, int pixels) {
        return CODEC.encode(null, MemoryPattern.newBuilder()
                .setPatternId(id)
                .setLabel(1)
                .setSplit("test")
                .setSourceIndex(0)
                .setPixels(ByteBuffer.wrap(new byte[pixels]))
                .build());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }

    private static MemoryBank bank(TestBroker broker, String topic, String deadLetter) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        return new MemoryBank(topic, deadLetter, consumer(config), producer(config), new SimpleMeterRegistry());
    }

    private static KafkaProducer<byte[], byte[]> producer(TestBroker broker) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        return producer(config);
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        return new KafkaProducer<>(config);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(TestBroker broker, String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
