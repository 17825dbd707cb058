package io.hopfieldstream.schemas.serde;

import java.util.Objects;

import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer that writes records as Avro single-object messages through a {@link RecordCodec}.
 * A null record becomes a null value (a tombstone). Thread-safe; configure and close do nothing.
 *
 * @param <T> the record type
 */
public final class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private final RecordCodec<T> codec;

    /** Creates a serializer that encodes with the given codec. */
    public AvroSerializer(RecordCodec<T> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Encodes a record, or returns null for a null record.
     *
     * @throws org.apache.kafka.common.errors.SerializationException if the record does not match its schema
     */
    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        return codec.encode(topic, record);
    }
}
