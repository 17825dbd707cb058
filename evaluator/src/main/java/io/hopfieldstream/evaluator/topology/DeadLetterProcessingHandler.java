package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.scoring.RejectedReconstructionException;
import io.hopfieldstream.evaluator.scoring.RejectionReason;

import java.util.Map;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the source record of a failed processing step to the dead-letter topic named by
 * {@code errors.dead.letter.queue.topic.name}, counts and logs it, and lets processing go on.
 *
 * <p>A {@link RejectedReconstructionException} carries its own reason, such as an unknown truth pattern, and is
 * logged at warn. Any other exception is a defect of the evaluator rather than of the record, so it is logged at
 * error with its stack trace and dead-lettered with reason {@code PROCESSING_FAILED}. Failures in the global
 * store of stored patterns are only counted and logged, because Kafka Streams 4.4 sends no dead letters from there.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
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
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        RejectionReason reason = exception instanceof RejectedReconstructionException rejected
                ? rejected.reason()
                : RejectionReason.PROCESSING_FAILED;
        counts.increment(reason);

        if (reason == RejectionReason.PROCESSING_FAILED) {
            RATE_LIMITED.error("Failed to process record with key {} from topic {} partition {} offset {} at node {}",
                    record.key(), context.topic(), context.partition(), context.offset(), context.processorNodeId(),
                    exception);
        } else {
            RATE_LIMITED.warn("Rejected record with key {} from topic {} partition {} offset {}: {} ({})",
                    record.key(), context.topic(), context.partition(), context.offset(), reason,
                    exception.getMessage());
        }
        if (DeadLetters.isGlobal(context)) {
            return Response.resume();
        }
        return Response.resume(DeadLetters.of(deadLetterTopic, context, context.sourceRawKey(),
                context.sourceRawValue(), reason, exception));
    }
}
