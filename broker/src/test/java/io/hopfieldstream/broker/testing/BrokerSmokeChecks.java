package io.hopfieldstream.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Checks that every kind of test broker must pass: plain produce and consume, and transactions
 * read with both isolation levels. Each check asserts with AssertJ and takes its own topic.
 */
public final class BrokerSmokeChecks {

    /** Maximum time a consumer polls for the records it expects. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private BrokerSmokeChecks() {
    }

    /** Produces ten keyed records to a new single-partition topic and reads them back in order. */
    public static void produceAndConsume(String bootstrapServers, String topic) {
        List<String> sent = IntStream.range(0, 10).mapToObj(i -> "value-" + i).collect(Collectors.toList());

        try (KafkaProducer<String, String> producer = newProducer(bootstrapServers, null)) {
            for (int i = 0; i < sent.size(); i++) {
                producer.send(new ProducerRecord<>(topic, 0, "key-" + i, sent.get(i)));
            }
            producer.flush();
        }

        List<ConsumerRecord<String, String>> received = readAll(bootstrapServers, topic, "read_uncommitted", sent.size());
        assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent);
        assertThat(received).extracting(ConsumerRecord::key).startsWith("key-0", "key-1");
        assertThat(received).extracting(ConsumerRecord::offset).startsWith(0L, 1L);
    }

    /**
     * Commits one transaction and aborts another after its records reached the log: a
     * {@code read_committed} consumer reads only the committed records and a
     * {@code read_uncommitted} consumer reads both.
     */
    public static void transactionsHideAbortedRecords(String bootstrapServers, String topic, String transactionalId) {
        try (KafkaProducer<String, String> producer = newProducer(bootstrapServers, transactionalId)) {
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "k", "committed-1"));
            producer.send(new ProducerRecord<>(topic, 0, "k", "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "k", "aborted-1"));
            // Without the flush, abortTransaction() would drop the unsent batch on the client.
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "k", "committed-3"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> committed = readAll(bootstrapServers, topic, "read_committed", 3);
        assertThat(committed).extracting(ConsumerRecord::value)
                .containsExactly("committed-1", "committed-2", "committed-3");

        List<ConsumerRecord<String, String>> uncommitted = readAll(bootstrapServers, topic, "read_uncommitted", 4);
        assertThat(uncommitted).extracting(ConsumerRecord::value)
                .containsExactly("committed-1", "committed-2", "aborted-1", "committed-3");
    }

    /** Returns a string producer with idempotence, and transactions when {@code transactionalId} is set. */
    public static KafkaProducer<String, String> newProducer(String bootstrapServers, String transactionalId) {
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        if (transactionalId != null) {
            properties.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /**
     * Reads partition 0 of {@code topic} from the beginning, without a consumer group, until
     * {@code expected} records arrived or {@link #READ_TIMEOUT} passed, and then once more to
     * catch records beyond the expected count.
     */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic,
                                                               String isolationLevel, int expected) {
        Properties properties = new Properties();
        properties.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");

        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));

            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
