package io.hopfieldstream.schemas.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The {@link DeadLetterHeaders} of one dead-letter record, parsed.
 *
 * @param sourceTopic topic the rejected record was read from
 * @param sourcePartition its partition
 * @param sourceOffset its offset
 * @param sourceTimestampMs its timestamp in milliseconds since the Unix epoch, empty when it had none
 * @param reason reason code, for example {@code TRUNCATED}
 * @param message explanation of the rejection
 * @param service name of the service that rejected it
 * @param rejectedAtMs rejection time in milliseconds since the Unix epoch
 */
public record DeadLetterInfo(String sourceTopic, int sourcePartition, long sourceOffset,
        OptionalLong sourceTimestampMs, String reason, String message, String service, long rejectedAtMs) {

    /**
     * Parses the dead-letter headers; other headers are ignored.
     *
     * @throws IllegalArgumentException naming the header if a required one is missing or a number is invalid
     */
    public static DeadLetterInfo from(Headers headers) {
        String timestamp = optional(headers, DeadLetterHeaders.SOURCE_TIMESTAMP_MS);
        OptionalLong sourceTimestampMs = timestamp == null
                ? OptionalLong.empty()
                : OptionalLong.of(parse(DeadLetterHeaders.SOURCE_TIMESTAMP_MS, timestamp));

        return new DeadLetterInfo(
                required(headers, DeadLetterHeaders.SOURCE_TOPIC),
                partition(headers),
                number(headers, DeadLetterHeaders.SOURCE_OFFSET),
                sourceTimestampMs,
                required(headers, DeadLetterHeaders.REASON),
                required(headers, DeadLetterHeaders.MESSAGE),
                required(headers, DeadLetterHeaders.SERVICE),
                number(headers, DeadLetterHeaders.REJECTED_AT_MS));
    }

    /** Parses the dead-letter headers of a consumed record. */
    public static DeadLetterInfo from(ConsumerRecord<?, ?> record) {
        return from(record.headers());
    }

    /**
     * Counts dead-letter records by reason code, sorted by code.
     *
     * @throws IllegalArgumentException if a record lacks the reason header
     */
    public static Map<String, Long> countByReason(Iterable<? extends ConsumerRecord<?, ?>> records) {
        Map<String, Long> counts = new TreeMap<>();
        for (ConsumerRecord<?, ?> record : records) {
            counts.merge(required(record.headers(), DeadLetterHeaders.REASON), 1L, Long::sum);
        }
        return counts;
    }

    private static String optional(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String name) {
        String value = optional(headers, name);
        if (value == null) {
            throw new IllegalArgumentException("Dead-letter header " + name + " is missing");
        }
        return value;
    }

    private static int partition(Headers headers) {
        long partition = number(headers, DeadLetterHeaders.SOURCE_PARTITION);
        if (partition < 0 || partition > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Dead-letter header " + DeadLetterHeaders.SOURCE_PARTITION
                    + " is not a valid partition: " + partition);
        }
        return (int) partition;
    }

    private static long number(Headers headers, String name) {
        return parse(name, required(headers, name));
    }

    private static long parse(String name, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Dead-letter header " + name + " is not a whole number: '" + text + "'", e);
        }
    }
}
