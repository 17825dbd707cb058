package io.hopfieldstream.retriever.service;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Builds the retriever's Kafka clients from the caller's client properties, which pass through
 * unchanged (bootstrap servers, TLS, SASL, timeouts), plus what exactly-once processing needs:
 * a read_committed probe consumer without auto-commit, an idempotent transactional producer, and a
 * memory consumer without group. A caller's property that contradicts those needs is rejected, not
 * silently replaced. Defaults that a caller may override: {@code auto.offset.reset=earliest} (a new
 * group starts at the oldest probe, so none is lost), {@code max.poll.records} = the batch size, the
 * cooperative sticky assignor (a rebalance revokes only the partitions that move, so a batch in
 * flight keeps the others), {@code linger.ms=5} and {@code batch.size} = {@value #WRITER_BATCH_BYTES} bytes.
 */
final class RetrieverClients {

    /** Records per poll of the memory consumer while it reads the memory topic. */
    static final int MEMORY_MAX_POLL_RECORDS = 2_000;

    /**
     * Default {@code batch.size} of the transactional producer, 256 KiB. A batch of 256
     * reconstructions is about 800 KB, which Kafka's 16 KiB default splits into dozens of produce
     * batches over several round trips before the commit. The service thread hands the backend no new
     * batch until the commit returns.
     */
    static final int WRITER_BATCH_BYTES = 256 * 1024;

    private final Map<String, Object> common;
    private final RetrieverSettings settings;

    /**
     * @param kafkaProperties client properties from the caller; must contain {@code bootstrap.servers}
     * @throws InvalidRetrieverSettingException if a property contradicts exactly-once processing
     */
    RetrieverClients(Map<String, ?> kafkaProperties, RetrieverSettings settings) {
        this.common = new HashMap<>(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
        this.settings = settings;

        Object servers = common.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null || servers.toString().isBlank()) {
            throw new InvalidRetrieverSettingException("bootstrap-servers", servers, "a list of host:port pairs");
        }
        requireValue(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                "the retriever commits offsets inside its transactions");
        requireValue(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                "the retriever must not read probes of aborted transactions");
        requireValue(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", "transactions need an idempotent producer");
        requireOneOf(ProducerConfig.ACKS_CONFIG, "transactions need acknowledgement by all in-sync replicas", "all", "-1");
        requireExact(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(), "set the group with the group-id setting");
        requireExact(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId(),
                "set it with the transactional-id setting");
    }

    /** Returns the bootstrap servers, for the start-up log. */
    String bootstrapServers() {
        return common.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).toString();
    }

    /** Returns the probe consumer's configuration. */
    Map<String, Object> probeConsumerConfig() {
        Map<String, Object> config = new HashMap<>(common);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize());
        config.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId("probes"));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        removeProducerOnly(config);
        return config;
    }

    /** Returns the transactional producer's configuration. */
    Map<String, Object> transactionalProducerConfig() {
        Map<String, Object> config = new HashMap<>(common);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, WRITER_BATCH_BYTES);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId("writer"));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        removeConsumerOnly(config);
        return config;
    }

    /** Returns the memory consumer's configuration: no group, no commits, read_committed. */
    Map<String, Object> memoryConsumerConfig() {
        Map<String, Object> config = new HashMap<>(common);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MEMORY_MAX_POLL_RECORDS);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId("memory"));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        removeProducerOnly(config);
        return config;
    }

    /** Returns the configuration of the idempotent, non-transactional producer for memory dead letters. */
    Map<String, Object> memoryDeadLetterProducerConfig() {
        Map<String, Object> config = new HashMap<>(common);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId("memory-dead-letters"));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        removeConsumerOnly(config);
        return config;
    }

    KafkaConsumer<byte[], byte[]> probeConsumer() {
        return new KafkaConsumer<>(probeConsumerConfig());
    }

    KafkaProducer<byte[], byte[]> transactionalProducer() {
        return new KafkaProducer<>(transactionalProducerConfig());
    }

    KafkaConsumer<byte[], byte[]> memoryConsumer() {
        return new KafkaConsumer<>(memoryConsumerConfig());
    }

    KafkaProducer<byte[], byte[]> memoryDeadLetterProducer() {
        return new KafkaProducer<>(memoryDeadLetterProducerConfig());
    }

    private String clientId(String role) {
        Object prefix = common.get(CommonClientConfigs.CLIENT_ID_CONFIG);
        String base = prefix == null || prefix.toString().isBlank() ? settings.transactionalId() : prefix.toString();
        return base + "-" + role;
    }

    private void requireValue(String key, String expected, String reason) {
        Object value = common.get(key);
        if (value != null && !value.toString().trim().equalsIgnoreCase(expected)) {
            throw new InvalidRetrieverSettingException("Kafka property " + key, value, expected + " (" + reason + ")");
        }
    }

    private void requireExact(String key, String expected, String reason) {
        Object value = common.get(key);
        if (value != null && !value.toString().equals(expected)) {
            throw new InvalidRetrieverSettingException("Kafka property " + key, value, expected + " (" + reason + ")");
        }
    }

    private void requireOneOf(String key, String reason, String... allowed) {
        Object value = common.get(key);
        if (value == null) {
            return;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        for (String candidate : allowed) {
            if (candidate.equals(text)) {
                return;
            }
        }
        throw new InvalidRetrieverSettingException("Kafka property " + key, value,
                String.join(" or ", allowed) + " (" + reason + ")");
    }

    /** Drops producer-only keys so the consumer does not log them as unused. */
    private static void removeProducerOnly(Map<String, Object> config) {
        config.keySet().removeIf(key -> ProducerConfig.configNames().contains(key)
                && !ConsumerConfig.configNames().contains(key));
    }

    /** Drops consumer-only keys so the producer does not log them as unused. */
    private static void removeConsumerOnly(Map<String, Object> config) {
        config.keySet().removeIf(key -> ConsumerConfig.configNames().contains(key)
                && !ProducerConfig.configNames().contains(key));
    }
}
