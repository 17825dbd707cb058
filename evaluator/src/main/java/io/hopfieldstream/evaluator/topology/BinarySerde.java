package io.hopfieldstream.evaluator.topology;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the evaluator's internal values (scored reconstructions on the repartition topic, window aggregates
 * in state stores) written with {@link DataOutput}. Each type writes its own format version first. A null value
 * stays null, and bytes left over after a value are rejected.
 *
 * @param <T> the value type
 */
final class BinarySerde<T> implements Serde<T> {

    /** Writes one value. */
    @FunctionalInterface
    interface Writer<T> {
        void write(T value, DataOutput output) throws IOException;
    }

    /** Reads one value. */
    @FunctionalInterface
    interface Reader<T> {
        T read(DataInput input) throws IOException;
    }

    private final String typeName;
    private final Writer<T> writer;
    private final Reader<T> reader;

    BinarySerde(String typeName, Writer<T> writer, Reader<T> reader) {
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public Serializer<T> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::deserialize;
    }

    private byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        ByteArrayDataOutput output = new ByteArrayDataOutput(256);
        try {
            writer.write(value, output);
        } catch (IOException e) {
            throw new SerializationException("Failed to encode " + typeName + " for topic " + topic, e);
        }
        return output.toByteArray();
    }

    private T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ByteArrayDataInput input = new ByteArrayDataInput(data);
        try {
            T value = reader.read(input);
            if (input.remaining() > 0) {
                throw new SerializationException("Invalid " + typeName + " from topic " + topic + ": "
                        + input.remaining() + " bytes left after the value");
            }
            return value;
        } catch (IOException e) {
            throw new SerializationException("Failed to decode " + typeName + " from topic " + topic + ": "
                    + e.getMessage(), e);
        }
    }
}
