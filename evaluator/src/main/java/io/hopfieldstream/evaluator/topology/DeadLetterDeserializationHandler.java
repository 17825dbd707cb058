package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.scoring.RejectionReason;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be decoded to the dead-letter topic named by
 * {@code errors.dead.letter.queue.topic.name}, counts and logs them, and lets processing go on.
 *
 * <p>NOTE: Kafka Streams 4.4 cannot send dead-letter records from a global store's thread, so an undecodable
 * stored pattern is only counted and logged here.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private static final RateLimitedLog RATE_LIMITED = new RateLimitedLog(LOG);

    private String deadLetterTopic;
    private RejectionCounts counts = new RejectionCounts();

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
        counts = RejectionCounts.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        counts.increment(RejectionReason.UNDECODABLE);
        boolean fromGlobalStore = DeadLetters.isGlobal(context);
        RATE_LIMITED.warn("Rejected record from topic {} partition {} offset {}: {} ({}){}", record.topic(),
                record.partition(), record.offset(), RejectionReason.UNDECODABLE, exception.getMessage(),
                fromGlobalStore ? ", not dead-lettered because it was read by a global store" : "");

        if (fromGlobalStore) {
            return Response.resume();
        }
        List<ProducerRecord<byte[], byte[]>> deadLetters = DeadLetters.of(deadLetterTopic, context, record.key(),
                record.value(), RejectionReason.UNDECODABLE, exception);
        return Response.resume(deadLetters);
    }
}
