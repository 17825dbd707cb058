package io.hopfieldstream.retriever.memory;

import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.serde.RecordCodec;
import io.hopfieldstream.schemas.serde.RecordDecodeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns records of the memory topic into changes of the memory: a stored pattern, a removal
 * (tombstone) or a rejection with its reason. A pattern must decode as a {@link MemoryPattern},
 * carry its own id as the record key and hold {@value Topics#PIXELS_PER_IMAGE} pixel values.
 * Thread-safe.
 */
final class MemoryRecords {

    /** Reason codes of rejected memory records; decode failures use {@link RecordDecodeException.Reason} names. */
    static final String MISSING_KEY = "MISSING_KEY";
    static final String KEY_MISMATCH = "KEY_MISMATCH";
    static final String WRONG_PIXEL_COUNT = "WRONG_PIXEL_COUNT";

    private final RecordCodec<MemoryPattern> codec = RecordCodec.forClass(MemoryPattern.class);

    /** Reads one record of the memory topic. */
    Change read(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return new Change.Rejected(MISSING_KEY, "memory record has no key; the key must be the pattern id");
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            return new Change.Removed(key);
        }

        MemoryPattern pattern;
        try {
            pattern = codec.decode(record.topic(), record.value());
        } catch (RecordDecodeException e) {
            return new Change.Rejected(e.reason().name(), e.getMessage());
        }

        if (!key.equals(pattern.getPatternId())) {
            return new Change.Rejected(KEY_MISMATCH, "memory record key '" + key + "' differs from its patternId '"
                    + pattern.getPatternId() + "'");
        }
        byte[] pixels = bytes(pattern.getPixels());
        if (pixels.length != Topics.PIXELS_PER_IMAGE) {
            return new Change.Rejected(WRONG_PIXEL_COUNT, "pattern " + key + " has " + pixels.length
                    + " pixel values, expected " + Topics.PIXELS_PER_IMAGE);
        }
        return new Change.Stored(new StoredPattern(key, pattern.getLabel(), pixels));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    /** What one memory record does to the memory. */
    sealed interface Change {

        /** Stores or replaces a pattern. */
        record Stored(StoredPattern pattern) implements Change {
        }

        /** Removes a pattern (a tombstone). */
        record Removed(String patternId) implements Change {
        }

        /** Leaves the memory unchanged; the record goes to the dead-letter topic. */
        record Rejected(String reason, String message) implements Change {
        }
    }
}
