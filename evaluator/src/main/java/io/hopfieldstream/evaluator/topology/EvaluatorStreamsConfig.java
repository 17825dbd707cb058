package io.hopfieldstream.evaluator.topology;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams properties the evaluator runs with unless the user overrides them: exactly-once processing
 * ({@code exactly_once_v2}) and the dead-letter handlers for records that cannot be decoded, scored or encoded.
 * The processing handler also covers the global store of stored patterns, so a failure there is logged and
 * skipped instead of stopping the application.
 */
public final class EvaluatorStreamsConfig {

    private EvaluatorStreamsConfig() {
    }

    /**
     * Returns the default properties.
     *
     * @param deadLetterTopic topic rejected records go to, as {@code errors.dead.letter.queue.topic.name}
     */
    public static Map<String, Object> defaults(String deadLetterTopic) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        defaults.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        defaults.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName());
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProcessingHandler.class.getName());
        defaults.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProductionHandler.class.getName());
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return defaults;
    }
}
