package io.hopfieldstream.schemas.serde;

import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Failure to decode one Avro single-object message, with the {@link Reason} that names the failed check
 * and, when known, the topic the bytes came from.
 *
 * <p>It extends Kafka's {@link SerializationException}, so a consumer that decodes in its
 * deserializer rethrows it as the cause of a
 * {@link org.apache.kafka.common.errors.RecordDeserializationException}, which carries the
 * partition, offset and original bytes a service needs for its dead-letter record.
 */
public final class RecordDecodeException extends SerializationException {

    private static final long serialVersionUID = 1L;

    /** Check that a message failed. */
    public enum Reason {

        /** The value has zero bytes. A tombstone is a null value, not an empty one. */
        EMPTY,

        /** The first two bytes are not the single-object marker {@code C3 01}. */
        BAD_HEADER,

        /** The 8-byte schema fingerprint after the marker matches no writer schema registered in the decoder. */
        UNKNOWN_FINGERPRINT,

        /** The message ends before its 10-byte header or its record body is complete. */
        TRUNCATED,

        /**
         * The header and fingerprint are valid but the body is not a record of that schema: an invalid
         * union index, a negative length, a malformed value, or bytes left over after the record.
         */
        UNDECODABLE
    }

    private final Reason reason;
    private final String topic;

    /**
     * Creates the exception.
     *
     * @param reason the check that failed
     * @param topic the topic the bytes came from, or null when not known
     * @param detail what was wrong with the bytes, appended to the message
     * @param cause the underlying Avro or I/O error, or null
     */
    public RecordDecodeException(Reason reason, String topic, String detail, Throwable cause) {
        super(formatMessage(reason, topic, detail), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.topic = topic;
    }

    /** Returns the check that failed. */
    public Reason reason() {
        return reason;
    }

    /** Returns the topic the bytes came from, or empty when the caller did not name one. */
    public Optional<String> topic() {
        return Optional.ofNullable(topic);
    }

    private static String formatMessage(Reason reason, String topic, String detail) {
        String source = topic == null ? "" : " from topic '" + topic + "'";
        return "Failed to decode message" + source + " (" + reason + "): " + detail;
    }
}
