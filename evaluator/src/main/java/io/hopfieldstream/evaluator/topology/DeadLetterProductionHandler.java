package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.scoring.RejectionReason;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the source record of an output value that cannot be encoded to the dead-letter topic and lets
 * processing go on. Failures to send encoded records, such as a broker error, still fail the task, because
 * exactly-once processing then aborts the transaction and retries it after a restart.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
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
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        LOG.error("Failed to send a record to topic {} for the input from topic {} partition {} offset {}",
                record.topic(), context.topic(), context.partition(), context.offset(), exception);
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        counts.increment(RejectionReason.SERIALIZATION_FAILED);
        RATE_LIMITED.error("Failed to encode the {} of a record for topic {} from topic {} partition {} offset {}",
                origin.name().toLowerCase(java.util.Locale.ROOT), record.topic(), context.topic(),
                context.partition(), context.offset(), exception);
        return Response.resume(DeadLetters.of(deadLetterTopic, context, context.sourceRawKey(),
                context.sourceRawValue(), RejectionReason.SERIALIZATION_FAILED, exception));
    }
}
