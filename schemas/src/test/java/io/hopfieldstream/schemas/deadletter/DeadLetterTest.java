package io.hopfieldstream.schemas.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RecordDeserializationException.DeserializationExceptionOrigin;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.serde.RecordDecodeException;
import io.hopfieldstream.schemas.serde.RecordDecodeException.Reason;

class DeadLetterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_764_000_123_456L), ZoneOffset.UTC);
    private static final byte[] KEY = "exp-1-000007".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {(byte) 0xC3, 0x01, 9, 9, 9};

    private static ConsumerRecord<byte[], byte[]> consumed(Headers headers) {
        return new ConsumerRecord<>(Topics.IMAGES_CORRUPTED, 4, 1_234L, 1_764_000_000_000L, TimestampType.CREATE_TIME,
                KEY.length, VALUE.length, KEY, VALUE, headers, Optional.empty());
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void consumedRecordKeepsBytesAndSource() {
        RecordHeaders original = new RecordHeaders();
        original.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> letter = DeadLetter.from(consumed(original))
                .reason("UNKNOWN_PATTERN", "pattern test-00042 is not in the memory")
                .service("retriever")
                .clock(CLOCK)
                .build();

        assertThat(letter.topic()).isEqualTo(Topics.IMAGES_DEAD_LETTER);
        assertThat(letter.partition()).isNull();
        assertThat(letter.key()).isEqualTo(KEY);
        assertThat(letter.value()).isEqualTo(VALUE);
        Headers headers = letter.headers();
        assertThat(text(headers, "trace-id")).isEqualTo("abc");
        assertThat(text(headers, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("images.corrupted");
        assertThat(text(headers, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("4");
        assertThat(text(headers, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1234");
        assertThat(text(headers, DeadLetterHeaders.SOURCE_TIMESTAMP_MS)).isEqualTo("1764000000000");
        assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo("UNKNOWN_PATTERN");
        assertThat(text(headers, DeadLetterHeaders.MESSAGE)).isEqualTo("pattern test-00042 is not in the memory");
        assertThat(text(headers, DeadLetterHeaders.SERVICE)).isEqualTo("retriever");
        assertThat(text(headers, DeadLetterHeaders.REJECTED_AT_MS)).isEqualTo("1764000123456");
    }

    @Test
    void infoParsesBuiltHeaders() {
        ProducerRecord<byte[], byte[]> letter = DeadLetter.from(consumed(new RecordHeaders()))
                .reason("PIXEL_COUNT", "probe has 100 pixel values, expected 3072")
                .service("retriever")
                .clock(CLOCK)
                .build();

        DeadLetterInfo info = DeadLetterInfo.from(letter.headers());

        assertThat(info).isEqualTo(new DeadLetterInfo("images.corrupted", 4, 1_234L, OptionalLong.of(1_764_000_000_000L),
                "PIXEL_COUNT", "probe has 100 pixel values, expected 3072", "retriever", 1_764_000_123_456L));
    }

    @Test
    void earlierDeadLetterHeadersAreReplaced() {
        ProducerRecord<byte[], byte[]> first = DeadLetter.builder("images.reconstructed", 0, 5)
                .value(VALUE)
                .reason("FIRST", "first rejection")
                .service("evaluator")
                .build();

        ProducerRecord<byte[], byte[]> second = DeadLetter.from(consumed(first.headers()))
                .reason("SECOND", "second rejection")
                .service("replay")
                .build();

        for (String name : DeadLetterHeaders.ALL) {
            assertThat(second.headers().headers(name)).as("copies of %s", name).hasSize(1);
        }
        assertThat(text(second.headers(), DeadLetterHeaders.REASON)).isEqualTo("SECOND");
        assertThat(text(second.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("images.corrupted");
    }

    @Test
    void deserializationFailureTakesDecodeReason() {
        RecordHeaders original = new RecordHeaders();
        original.add("trace-id", "xyz".getBytes(StandardCharsets.UTF_8));
        RecordDecodeException cause = new RecordDecodeException(Reason.TRUNCATED, Topics.IMAGES_CORRUPTED,
                "the 5-byte message ends early", null);
        RecordDeserializationException failure = new RecordDeserializationException(DeserializationExceptionOrigin.VALUE,
                new TopicPartition(Topics.IMAGES_CORRUPTED, 2), 77L, 1_764_000_000_500L, TimestampType.CREATE_TIME,
                ByteBuffer.wrap(KEY), ByteBuffer.wrap(VALUE), original, "Error deserializing VALUE", cause);

        ProducerRecord<byte[], byte[]> letter = DeadLetter.from(failure).service("retriever").clock(CLOCK).build();

        DeadLetterInfo info = DeadLetterInfo.from(letter.headers());
        assertThat(letter.key()).isEqualTo(KEY);
        assertThat(letter.value()).isEqualTo(VALUE);
        assertThat(text(letter.headers(), "trace-id")).isEqualTo("xyz");
        assertThat(info.sourcePartition()).isEqualTo(2);
        assertThat(info.sourceOffset()).isEqualTo(77L);
        assertThat(info.sourceTimestampMs()).hasValue(1_764_000_000_500L);
        assertThat(info.reason()).isEqualTo("TRUNCATED");
        assertThat(info.message()).isEqualTo(cause.getMessage());
    }

    @Test
    void deserializationFailureWithoutDecodeCauseNeedsReason() {
        RecordDeserializationException failure = new RecordDeserializationException(
                new TopicPartition(Topics.IMAGES_CORRUPTED, 0), 3L, "boom", new IllegalStateException("boom"));

        DeadLetter.Builder builder = DeadLetter.from(failure).service("retriever");

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Dead letter for images.corrupted-0@3 has no reason: call reason(code, message) before build()");
        ProducerRecord<byte[], byte[]> letter = builder.reason("DESERIALIZATION_FAILED", "boom").build();
        assertThat(letter.key()).isNull();
        assertThat(letter.value()).isNull();
        assertThat(DeadLetterInfo.from(letter.headers()).sourceTimestampMs()).isEmpty();
    }

    @Test
    void tombstoneAndMissingKeyStayNull() {
        ProducerRecord<byte[], byte[]> letter = DeadLetter.builder(Topics.MEMORY_PATTERNS, 0, 9)
                .reason("UNEXPECTED_TOMBSTONE", "null value")
                .service("producer")
                .topic("test.dead-letter")
                .build();

        assertThat(letter.topic()).isEqualTo("test.dead-letter");
        assertThat(letter.key()).isNull();
        assertThat(letter.value()).isNull();
        assertThat(letter.headers().lastHeader(DeadLetterHeaders.SOURCE_TIMESTAMP_MS)).isNull();
    }

    @Test
    void longMessageIsCut() {
        ProducerRecord<byte[], byte[]> letter = DeadLetter.builder(Topics.IMAGES_CORRUPTED, 0, 0)
                .reason("UNDECODABLE", "x".repeat(10_000))
                .service("retriever")
                .build();

        String message = text(letter.headers(), DeadLetterHeaders.MESSAGE);
        assertThat(message).hasSize(DeadLetter.MAX_MESSAGE_CHARS);
        assertThat(message).endsWith("xx...");
    }

    @Test
    void builderRejectsInvalidParts() {
        DeadLetter.Builder builder = DeadLetter.builder(Topics.IMAGES_CORRUPTED, 0, 0);

        assertThatThrownBy(() -> builder.reason("unknown pattern", "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid dead-letter reason code 'unknown pattern'");
        assertThatThrownBy(() -> builder.reason("EMPTY", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message must not be blank");
        assertThatThrownBy(() -> DeadLetter.builder(Topics.IMAGES_CORRUPTED, -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sourcePartition must be >= 0, got -1");
        assertThatThrownBy(() -> builder.reason("EMPTY", "the value has 0 bytes").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no service name");
    }

    @Test
    void infoRejectsMissingHeader() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, "t".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> DeadLetterInfo.from(headers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Dead-letter header dead-letter.source.partition is missing");
    }

    @Test
    void infoRejectsInvalidNumber() {
        ProducerRecord<byte[], byte[]> letter = DeadLetter.builder(Topics.IMAGES_CORRUPTED, 0, 0)
                .reason("EMPTY", "the value has 0 bytes")
                .service("retriever")
                .build();
        letter.headers().remove(DeadLetterHeaders.SOURCE_OFFSET);
        letter.headers().add(DeadLetterHeaders.SOURCE_OFFSET, "12a".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> DeadLetterInfo.from(letter.headers()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Dead-letter header dead-letter.source.offset is not a whole number: '12a'");
    }

    @Test
    void countByReasonGroupsRecords() {
        List<ConsumerRecord<byte[], byte[]>> letters = List.of(
                asConsumed(letterWithReason("TRUNCATED")),
                asConsumed(letterWithReason("BAD_HEADER")),
                asConsumed(letterWithReason("TRUNCATED")));

        Map<String, Long> counts = DeadLetterInfo.countByReason(letters);

        assertThat(counts).containsExactly(Map.entry("BAD_HEADER", 1L), Map.entry("TRUNCATED", 2L));
    }

    private static ProducerRecord<byte[], byte[]> letterWithReason(String reason) {
        return DeadLetter.builder(Topics.IMAGES_CORRUPTED, 0, 0).reason(reason, "test").service("test").build();
    }

    private static ConsumerRecord<byte[], byte[]> asConsumed(ProducerRecord<byte[], byte[]> letter) {
        return new ConsumerRecord<>(letter.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0,
                letter.key(), letter.value(), letter.headers(), Optional.empty());
    }
}
