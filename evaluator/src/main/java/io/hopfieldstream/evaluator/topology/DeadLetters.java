package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.scoring.RejectionReason;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Builds the dead-letter records of rejected input: the original key and value bytes plus headers. */
final class DeadLetters {

    static final String HEADER_TOPIC = "hopfield.dead-letter.topic";
    static final String HEADER_PARTITION = "hopfield.dead-letter.partition";
    static final String HEADER_OFFSET = "hopfield.dead-letter.offset";
    static final String HEADER_REASON = "hopfield.dead-letter.reason";
    static final String HEADER_DETAIL = "hopfield.dead-letter.detail";

    private DeadLetters() {
    }

    /**
     * Builds the dead-letter record of one rejected input record, or none when no dead-letter topic is set.
     *
     * @param deadLetterTopic topic to write to, or null
     * @param context where the input record came from, with its headers
     * @param key original key bytes, may be null
     * @param value original value bytes, may be null
     */
    static List<ProducerRecord<byte[], byte[]>> of(String deadLetterTopic, ErrorHandlerContext context,
            byte[] key, byte[] value, RejectionReason reason, Exception exception) {
        if (deadLetterTopic == null) {
            return List.of();
        }

        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), key, value);
        for (Header header : context.headers()) {
            record.headers().add(header);
        }
        record.headers()
                .add(HEADER_TOPIC, utf8(context.topic()))
                .add(HEADER_PARTITION, utf8(Integer.toString(context.partition())))
                .add(HEADER_OFFSET, utf8(Long.toString(context.offset())))
                .add(HEADER_REASON, utf8(reason.code()))
                .add(HEADER_DETAIL, utf8(String.valueOf(exception.getMessage())));
        return List.of(record);
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
