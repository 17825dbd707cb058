package io.hopfieldstream.schemas.serde;

import java.util.Objects;

import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer that reads Avro single-object messages through a {@link RecordCodec}, resolving
 * every writer schema version registered in the codec. A null value (a tombstone) becomes a null record.
 * Thread-safe; configure and close do nothing.
 *
 * <p>Bytes that are not a valid message raise {@link RecordDecodeException} with its reason. Inside
 * {@code KafkaConsumer.poll} that exception arrives as the cause of a
 * {@link org.apache.kafka.common.errors.RecordDeserializationException}; the consumer must then seek
 * past the record's offset, or it fails on the same record again.
 *
 * @param <T> the record type
 */
public final class AvroDeserializer<T extends IndexedRecord> implements Deserializer<T> {

    private final RecordCodec<T> codec;

    /** Creates a deserializer that decodes with the given codec. */
    public AvroDeserializer(RecordCodec<T> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Decodes a message, or returns null for a null value.
     *
     * @throws RecordDecodeException if the bytes are empty, lack the marker, name an unknown writer
     *     schema, end early or do not decode
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        return codec.decode(topic, data);
    }
}
