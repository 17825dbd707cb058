package io.hopfieldstream.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

import io.hopfieldstream.schemas.serde.RecordDecodeException.Reason;

/**
 * Encodes records of one Avro schema as single-object messages and decodes messages written with any
 * registered writer schema version.
 *
 * <p>Message layout (Avro specification, "Single-object encoding"): the marker bytes {@code C3 01},
 * the 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form,
 * then the Avro binary encoding of the record. The decoder looks the fingerprint up among its known
 * writer schemas and resolves the record into its reader schema with Avro's schema resolution, so a
 * field added with a default reads as that default from older messages, and a field the reader does
 * not have is skipped.
 *
 * <p>{@link #forClass(Class)} builds a codec for a generated record class that registers the class's
 * current schema plus every earlier version kept as a class-path resource
 * {@code <package path>/history/<SimpleName>-v<N>.avsc}, numbered from 1.
 * {@link #generic(Schema, Collection)} builds one that reads {@link GenericRecord}s with any reader
 * schema, for tools and for tests of older readers. Instances are immutable and thread-safe.
 *
 * @param <T> the record type that this codec encodes and returns
 */
public final class RecordCodec<T extends IndexedRecord> {

    static {
        TrustedRecordClasses.install();
    }

    /** Bytes before the record body: 2 marker bytes and the 8-byte fingerprint. */
    public static final int HEADER_LENGTH = 10;

    private static final byte MARKER_FIRST = (byte) 0xC3;
    private static final byte MARKER_SECOND = (byte) 0x01;
    private static final int INITIAL_BUFFER_BYTES = 4096;

    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final Map<Long, DatumReader<T>> readersByFingerprint;

    private RecordCodec(GenericData model, Schema schema, Collection<Schema> writerSchemas) {
        this.schema = schema;
        this.encoder = new BinaryMessageEncoder<>(model, schema);

        Map<Long, DatumReader<T>> readers = new LinkedHashMap<>();
        readers.put(fingerprint(schema), datumReader(model, schema, schema));
        for (Schema writer : writerSchemas) {
            requireReadable(writer, schema);
            readers.putIfAbsent(fingerprint(writer), datumReader(model, writer, schema));
        }
        this.readersByFingerprint = Collections.unmodifiableMap(readers);
    }

    /**
     * Creates a codec for a generated SpecificRecord class that encodes with the class's schema and
     * decodes that schema and every earlier version in the class's schema history.
     *
     * @throws IllegalStateException if a history file is invalid
     * @throws IllegalArgumentException if an earlier version cannot be resolved into the current schema
     */
    public static <R extends SpecificRecord> RecordCodec<R> forClass(Class<R> recordClass) {
        SpecificData model = SpecificData.getForClass(recordClass);
        Schema schema = model.getSchema(recordClass);
        return new RecordCodec<>(model, schema, SchemaHistory.earlierVersions(recordClass));
    }

    /**
     * Creates a codec that returns {@link GenericRecord}s in {@code readerSchema}, encodes with it, and
     * decodes it and each of {@code writerSchemas}.
     *
     * @throws IllegalArgumentException if a writer schema cannot be resolved into the reader schema
     */
    public static RecordCodec<GenericRecord> generic(Schema readerSchema, Collection<Schema> writerSchemas) {
        Objects.requireNonNull(readerSchema, "readerSchema");
        return new RecordCodec<>(GenericData.get(), readerSchema, List.copyOf(writerSchemas));
    }

    /** Returns the CRC-64-AVRO fingerprint of a schema's Parsing Canonical Form, as written in message headers. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** Returns the schema this codec encodes with and decodes into. */
    public Schema schema() {
        return schema;
    }

    /** Returns the fingerprints of the registered writer schemas, the codec's own schema first. */
    public Set<Long> knownFingerprints() {
        return readersByFingerprint.keySet();
    }

    /**
     * Encodes a record as a single-object message.
     *
     * @param topic the destination topic, used only in the error message; may be null
     * @throws SerializationException if the record does not match the schema, for example a null
     *     required field
     */
    public byte[] encode(String topic, T record) {
        Objects.requireNonNull(record, "record");
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
        try {
            encoder.encode(record, out);
        } catch (IOException | RuntimeException e) {
            String destination = topic == null ? "" : " for topic '" + topic + "'";
            throw new SerializationException("Failed to encode " + schema.getName() + destination + ": " + e, e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a single-object message.
     *
     * @param topic the topic the message came from, used only in the error message; may be null
     * @throws RecordDecodeException naming the {@link Reason} if the bytes are not a valid message
     *     of a registered writer schema
     */
    public T decode(String topic, byte[] message) {
        Objects.requireNonNull(message, "message");
        checkHeader(topic, message);

        long fingerprint = readFingerprint(message);
        DatumReader<T> reader = readersByFingerprint.get(fingerprint);
        if (reader == null) {
            throw new RecordDecodeException(Reason.UNKNOWN_FINGERPRINT, topic, "writer schema fingerprint "
                    + hex(fingerprint) + " matches none of the " + schema.getName() + " schemas registered in this decoder "
                    + knownFingerprintsText(), null);
        }

        return readBody(topic, message, fingerprint, reader);
    }

    private void checkHeader(String topic, byte[] message) {
        if (message.length == 0) {
            throw new RecordDecodeException(Reason.EMPTY, topic, "the value has 0 bytes", null);
        }

        boolean markerMatches = message[0] == MARKER_FIRST && (message.length < 2 || message[1] == MARKER_SECOND);
        if (!markerMatches) {
            throw new RecordDecodeException(Reason.BAD_HEADER, topic, "the message starts with "
                    + leadingBytes(message) + ", expected the single-object marker C3 01", null);
        }

        if (message.length < HEADER_LENGTH) {
            throw new RecordDecodeException(Reason.TRUNCATED, topic, "the message has " + message.length
                    + " bytes, fewer than the " + HEADER_LENGTH + "-byte single-object header", null);
        }
    }

    private T readBody(String topic, byte[] message, long fingerprint, DatumReader<T> reader) {
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(message, HEADER_LENGTH, message.length - HEADER_LENGTH, null);
        String recordDescription = schema.getName() + " written with schema " + hex(fingerprint);

        T record;
        int leftOver;
        try {
            record = reader.read(null, decoder);
            leftOver = decoder.inputStream().available();
        } catch (EOFException e) {
            throw new RecordDecodeException(Reason.TRUNCATED, topic, "the " + message.length
                    + "-byte message ends before the " + recordDescription + " is complete", e);
        } catch (SecurityException e) {
            // Avro refused to load a record class: a setup error, not bad data, so it must not look like one.
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RecordDecodeException(Reason.UNDECODABLE, topic, "the body is not a valid " + recordDescription + ": " + e, e);
        }

        if (leftOver > 0) {
            throw new RecordDecodeException(Reason.UNDECODABLE, topic, leftOver + " bytes are left after the "
                    + recordDescription + " of a " + message.length + "-byte message", null);
        }
        return record;
    }

    private static long readFingerprint(byte[] message) {
        long fingerprint = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (message[i] & 0xFFL);
        }
        return fingerprint;
    }

    private String knownFingerprintsText() {
        return readersByFingerprint.keySet().stream().map(RecordCodec::hex).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String hex(long fingerprint) {
        return String.format("0x%016x", fingerprint);
    }

    private static String leadingBytes(byte[] message) {
        List<String> bytes = new ArrayList<>();
        for (int i = 0; i < Math.min(2, message.length); i++) {
            bytes.add(String.format("%02X", message[i] & 0xFF));
        }
        return String.join(" ", bytes);
    }

    @SuppressWarnings("unchecked")
    private static <T> DatumReader<T> datumReader(GenericData model, Schema writer, Schema reader) {
        return (DatumReader<T>) model.createDatumReader(writer, reader);
    }

    private static void requireReadable(Schema writer, Schema reader) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new IllegalArgumentException("Writer schema " + hex(fingerprint(writer)) + " of "
                    + writer.getFullName() + " cannot be read as " + reader.getFullName() + ": "
                    + result.getDescription());
        }
    }
}
