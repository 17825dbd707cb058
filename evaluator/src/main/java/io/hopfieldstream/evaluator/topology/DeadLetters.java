package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.scoring.RejectionReason;
import io.hopfieldstream.schemas.deadletter.DeadLetter;
import io.hopfieldstream.schemas.serde.RecordDecodeException;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Builds the dead-letter records of rejected input: the original key and value bytes plus the reason headers. */
final class DeadLetters {

    /** Service name written to the {@code dead-letter.service} header. */
    static final String SERVICE = "evaluator";

    private DeadLetters() {
    }

    /**
     * Builds the dead-letter record of one rejected input record. Returns none when no dead-letter topic is set,
     * or when the context names no source offset, as for an error in a punctuation.
     *
     * @param deadLetterTopic topic to write to, or null
     * @param context where the input record came from, with its headers
     * @param key original key bytes, may be null
     * @param value original value bytes, may be null
     */
    static List<ProducerRecord<byte[], byte[]>> of(String deadLetterTopic, ErrorHandlerContext context,
            byte[] key, byte[] value, RejectionReason reason, Exception exception) {
        if (deadLetterTopic == null || context.topic() == null || context.partition() < 0 || context.offset() < 0) {
            return List.of();
        }

        DeadLetter.Builder builder = DeadLetter.builder(context.topic(), context.partition(), context.offset())
                .topic(deadLetterTopic)
                .key(key)
                .value(value)
                .headers(context.headers())
                .sourceTimestampMs(context.timestamp())
                .service(SERVICE);

        RecordDecodeException decodeFailure = decodeFailure(exception);
        if (reason == RejectionReason.UNDECODABLE && decodeFailure != null) {
            builder.reason(decodeFailure);
        } else {
            builder.reason(reason.name(), message(exception));
        }
        return List.of(builder.build());
    }

    /**
     * Returns whether the failed record was read by a global store. Kafka Streams 4.4 runs global stores as task
     * {@code -1_-1} and cannot send dead letters from them.
     */
    static boolean isGlobal(ErrorHandlerContext context) {
        return context.taskId() != null && context.taskId().subtopology() < 0;
    }

    /** Returns the decode failure in an exception's cause chain, or null. */
    static RecordDecodeException decodeFailure(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordDecodeException decode) {
                return decode;
            }
        }
        return null;
    }

    private static String message(Exception exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getName() : message;
    }
}
