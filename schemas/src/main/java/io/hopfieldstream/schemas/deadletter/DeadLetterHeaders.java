package io.hopfieldstream.schemas.deadletter;

import java.util.List;

/**
 * Names of the headers that every service adds to a dead-letter record. Values are UTF-8 text,
 * numbers in decimal, so console consumers can print them. The record keeps the original key, value
 * and headers; an earlier dead letter's headers with these names are replaced.
 */
public final class DeadLetterHeaders {

    /** Topic the rejected record was read from. */
    public static final String SOURCE_TOPIC = "dead-letter.source.topic";

    /** Partition the rejected record was read from. */
    public static final String SOURCE_PARTITION = "dead-letter.source.partition";

    /** Offset of the rejected record in its partition. */
    public static final String SOURCE_OFFSET = "dead-letter.source.offset";

    /** Timestamp of the rejected record, milliseconds since the Unix epoch; absent when it had none. */
    public static final String SOURCE_TIMESTAMP_MS = "dead-letter.source.timestamp-ms";

    /**
     * Reason code in upper snake case, for example {@code TRUNCATED} or {@code UNKNOWN_PATTERN}; decode
     * failures use the names of {@link io.hopfieldstream.schemas.serde.RecordDecodeException.Reason}.
     */
    public static final String REASON = "dead-letter.reason";

    /** Human-readable explanation of the rejection, at most {@link DeadLetter#MAX_MESSAGE_CHARS} characters. */
    public static final String MESSAGE = "dead-letter.message";

    /** Name of the service that rejected the record, for example {@code retriever}. */
    public static final String SERVICE = "dead-letter.service";

    /** Time the service rejected the record, milliseconds since the Unix epoch. */
    public static final String REJECTED_AT_MS = "dead-letter.rejected-at-ms";

    /** Every header name above, in the order a dead letter carries them. */
    public static final List<String> ALL = List.of(SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET,
            SOURCE_TIMESTAMP_MS, REASON, MESSAGE, SERVICE, REJECTED_AT_MS);

    private DeadLetterHeaders() {
    }
}
