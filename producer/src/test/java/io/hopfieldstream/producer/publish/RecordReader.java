package io.hopfieldstream.producer.publish;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.hopfieldstream.broker.testing.TestBroker;

/** Reads a topic from the beginning in tests, until it has seen a given number of records. */
final class RecordReader {

    private RecordReader() {
    }

    /** Returns the first {@code count} records of the topic, waiting up to 30 s for them. */
    static <V> List<ConsumerRecord<String, V>> read(TestBroker broker, String topic, int count,
                                                    Deserializer<V> deserializer) {
        Properties properties = broker.clientProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, V>> records = new ArrayList<>();

        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                deserializer)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }

    /** Returns the client properties of the broker as a map. */
    static Map<String, Object> clientProperties(TestBroker broker) {
        return Map.of("bootstrap.servers", broker.bootstrapServers());
    }
}
