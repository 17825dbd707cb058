package io.hopfieldstream.schemas.serde;

import java.util.Objects;

import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one Avro record type in single-object encoding: a 10-byte header (marker
 * {@code C3 01} and the writer schema's CRC-64-AVRO fingerprint) followed by the Avro binary record.
 *
 * <p>Typical use: {@code Serde<Probe> serde = new AvroSerde<>(Probe.class)}, or the shortcuts in
 * {@link RecordSerdes}. The deserializer reads messages written with the record's current schema or
 * any earlier version kept in its schema history, returns null for a tombstone, and raises
 * {@link RecordDecodeException} with a {@link RecordDecodeException.Reason} for bytes it cannot decode.
 * Nothing needs configuring: Kafka's {@code configure} and {@code close} calls do nothing, and Avro's
 * trusted-class check admits the generated records without the system property
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES}. One instance may serve many threads.
 *
 * @param <T> the record type
 */
public final class AvroSerde<T extends IndexedRecord> implements Serde<T> {

    private final RecordCodec<T> codec;
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /**
     * Creates a serde for a generated SpecificRecord class that decodes its current and earlier schemas.
     *
     * @throws IllegalStateException if the class's schema history is invalid
     */
    public AvroSerde(Class<? extends T> recordClass) {
        this(codecFor(recordClass));
    }

    /** Creates a serde over an existing codec, for example a {@link RecordCodec#generic generic} one. */
    public AvroSerde(RecordCodec<T> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.serializer = new AvroSerializer<>(codec);
        this.deserializer = new AvroDeserializer<>(codec);
    }

    /** Returns the codec behind this serde, for decoding outside a Kafka client. */
    public RecordCodec<T> codec() {
        return codec;
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T extends IndexedRecord> RecordCodec<T> codecFor(Class<? extends T> recordClass) {
        Objects.requireNonNull(recordClass, "recordClass");
        if (!SpecificRecord.class.isAssignableFrom(recordClass)) {
            throw new IllegalArgumentException(recordClass.getName() + " is not a generated Avro SpecificRecord class");
        }
        return (RecordCodec<T>) RecordCodec.forClass((Class) recordClass);
    }
}
