package io.hopfieldstream.producer.publish;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Kafka producer settings the publishers start from; the caller's properties override each of them.
 *
 * <ul>
 *   <li>{@code acks=all} and {@code enable.idempotence=true}: an acknowledged record is on every in-sync
 *       replica, and retries neither duplicate nor reorder records within a partition;</li>
 *   <li>{@code compression.type=lz4}: fewer bytes to the broker for little CPU;</li>
 *   <li>{@code linger.ms=10} and {@code batch.size=524288} (512 KiB, about 160 probes): large batches carry
 *       the high probe rates, and 10 ms of waiting is small against retrieval latency;</li>
 *   <li>{@code buffer.memory=134217728} (128 MiB): room for about a second of probes at 40,000/s.</li>
 * </ul>
 */
public final class ProducerDefaults {

    private ProducerDefaults() {
    }

    /** Returns the defaults. */
    public static Map<String, Object> defaults() {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(ProducerConfig.ACKS_CONFIG, "all");
        defaults.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        defaults.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        defaults.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        defaults.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        defaults.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
        return defaults;
    }

    /**
     * Returns the defaults overridden by the caller's properties and, when the caller sets none, the given
     * {@code client.id}. Serializer settings are dropped because the publishers pass their serializers.
     */
    public static Map<String, Object> merge(Map<String, ?> clientProperties, String clientId) {
        Map<String, Object> merged = defaults();
        merged.putAll(clientProperties);
        merged.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        merged.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        merged.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return merged;
    }
}
