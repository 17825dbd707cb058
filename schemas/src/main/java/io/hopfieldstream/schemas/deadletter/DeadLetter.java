package io.hopfieldstream.schemas.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.serde.RecordDecodeException;

/**
 * Builds the record a service sends to {@link Topics#IMAGES_DEAD_LETTER} when it rejects an input
 * record: the original key and value bytes, the original headers, and the {@link DeadLetterHeaders}
 * that name the source, the reason and the service.
 *
 * <pre>{@code
 * producer.send(DeadLetter.from(consumerRecord)
 *         .reason("UNKNOWN_PATTERN", "pattern test-00042 is not in the memory")
 *         .service("retriever")
 *         .build());
 * }</pre>
 *
 * <p>For a value the typed deserializer rejected inside {@code poll}, start from the exception with
 * {@link #from(RecordDeserializationException)}; it takes the reason from a
 * {@link RecordDecodeException} cause.
 */
public final class DeadLetter {

    /** Maximum length of the reason message in characters; a longer one is cut and ends with "...". */
    public static final int MAX_MESSAGE_CHARS = 2_000;

    /** Reason codes: upper-case letters, digits and underscores, starting with a letter. */
    private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private DeadLetter() {
    }

    /** Starts a dead letter for a record read from {@code sourceTopic} at the given partition and offset. */
    public static Builder builder(String sourceTopic, int sourcePartition, long sourceOffset) {
        return new Builder(sourceTopic, sourcePartition, sourceOffset);
    }

    /** Starts a dead letter that keeps a consumed record's key, value, headers and timestamp. */
    public static Builder from(ConsumerRecord<byte[], byte[]> record) {
        return builder(record.topic(), record.partition(), record.offset())
                .key(record.key())
                .value(record.value())
                .headers(record.headers())
                .sourceTimestampMs(record.timestamp());
    }

    /**
     * Starts a dead letter for a record that the consumer's deserializer rejected, with its original
     * bytes and headers. When the cause is a {@link RecordDecodeException}, its reason is set too.
     */
    public static Builder from(RecordDeserializationException exception) {
        Builder builder = builder(exception.topicPartition().topic(), exception.topicPartition().partition(),
                exception.offset())
                .key(toBytes(exception.keyBuffer()))
                .value(toBytes(exception.valueBuffer()))
                .headers(exception.headers())
                .sourceTimestampMs(exception.timestamp());

        if (exception.getCause() instanceof RecordDecodeException decode) {
            builder.reason(decode);
        }
        return builder;
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /** Collects the parts of one dead-letter record. Not thread-safe. */
    public static final class Builder {

        private final String sourceTopic;
        private final int sourcePartition;
        private final long sourceOffset;
        private String topic = Topics.IMAGES_DEAD_LETTER;
        private byte[] key;
        private byte[] value;
        private Headers originalHeaders = new RecordHeaders();
        private long sourceTimestampMs = -1;
        private String reasonCode;
        private String reasonMessage;
        private String service;
        private Clock clock = Clock.systemUTC();

        private Builder(String sourceTopic, int sourcePartition, long sourceOffset) {
            this.sourceTopic = requireText(sourceTopic, "sourceTopic");
            if (sourcePartition < 0) {
                throw new IllegalArgumentException("sourcePartition must be >= 0, got " + sourcePartition);
            }
            if (sourceOffset < 0) {
                throw new IllegalArgumentException("sourceOffset must be >= 0, got " + sourceOffset);
            }
            this.sourcePartition = sourcePartition;
            this.sourceOffset = sourceOffset;
        }

        /** Sets the original key bytes; null when the record had no key. */
        public Builder key(byte[] key) {
            this.key = key;
            return this;
        }

        /** Sets the original value bytes; null for a tombstone. */
        public Builder value(byte[] value) {
            this.value = value;
            return this;
        }

        /** Sets the original headers, copied into the dead letter except those named in {@link DeadLetterHeaders}. */
        public Builder headers(Headers headers) {
            this.originalHeaders = headers == null ? new RecordHeaders() : headers;
            return this;
        }

        /** Sets the source record's timestamp in milliseconds since the Unix epoch; a negative value means none. */
        public Builder sourceTimestampMs(long timestampMs) {
            this.sourceTimestampMs = timestampMs;
            return this;
        }

        /**
         * Sets the reason.
         *
         * @param code upper snake case, for example {@code UNKNOWN_PATTERN}
         * @param message what was wrong, naming the offending value; cut to {@link #MAX_MESSAGE_CHARS}
         * @throws IllegalArgumentException if the code is not upper snake case or the message is blank
         */
        public Builder reason(String code, String message) {
            if (code == null || !REASON_CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("Invalid dead-letter reason code '" + code
                        + "': use upper-case letters, digits and '_', starting with a letter");
            }
            this.reasonCode = code;
            this.reasonMessage = cut(requireText(message, "message"));
            return this;
        }

        /** Sets the reason from a decode failure: its {@link RecordDecodeException.Reason} name and message. */
        public Builder reason(RecordDecodeException failure) {
            return reason(failure.reason().name(), failure.getMessage());
        }

        /** Sets the name of the rejecting service, for example {@code retriever}. */
        public Builder service(String name) {
            this.service = requireText(name, "service");
            return this;
        }

        /** Sets the destination topic; {@link Topics#IMAGES_DEAD_LETTER} by default. */
        public Builder topic(String deadLetterTopic) {
            this.topic = requireText(deadLetterTopic, "topic");
            return this;
        }

        /** Sets the clock for the rejection time; the system clock by default. */
        public Builder clock(Clock rejectionClock) {
            this.clock = Objects.requireNonNull(rejectionClock, "clock");
            return this;
        }

        /**
         * Builds the record, without a partition so the producer's partitioner places it by key.
         *
         * @throws IllegalStateException if the reason or the service is missing
         */
        public ProducerRecord<byte[], byte[]> build() {
            if (reasonCode == null) {
                throw new IllegalStateException("Dead letter for " + sourceTopic + "-" + sourcePartition + "@"
                        + sourceOffset + " has no reason: call reason(code, message) before build()");
            }
            if (service == null) {
                throw new IllegalStateException("Dead letter for " + sourceTopic + "-" + sourcePartition + "@"
                        + sourceOffset + " has no service name: call service(name) before build()");
            }

            RecordHeaders headers = new RecordHeaders();
            for (Header header : originalHeaders) {
                if (!DeadLetterHeaders.ALL.contains(header.key())) {
                    headers.add(header.key(), header.value());
                }
            }
            add(headers, DeadLetterHeaders.SOURCE_TOPIC, sourceTopic);
            add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(sourcePartition));
            add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(sourceOffset));
            if (sourceTimestampMs >= 0) {
                add(headers, DeadLetterHeaders.SOURCE_TIMESTAMP_MS, Long.toString(sourceTimestampMs));
            }
            add(headers, DeadLetterHeaders.REASON, reasonCode);
            add(headers, DeadLetterHeaders.MESSAGE, reasonMessage);
            add(headers, DeadLetterHeaders.SERVICE, service);
            add(headers, DeadLetterHeaders.REJECTED_AT_MS, Long.toString(clock.millis()));

            return new ProducerRecord<>(topic, null, null, key, value, headers);
        }

        private static void add(RecordHeaders headers, String name, String text) {
            headers.add(name, text.getBytes(StandardCharsets.UTF_8));
        }

        private static String cut(String message) {
            if (message.length() <= MAX_MESSAGE_CHARS) {
                return message;
            }
            return message.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
        }

        private static String requireText(String text, String name) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return text;
        }
    }
}
