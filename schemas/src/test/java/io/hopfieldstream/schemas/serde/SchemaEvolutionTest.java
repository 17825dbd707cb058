package io.hopfieldstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.serde.RecordDecodeException.Reason;

class SchemaEvolutionTest {

    private static Schema historySchema(String file) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/io/hopfieldstream/schemas/history/" + file)) {
            assertThat(in).as("history resource %s", file).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }

    /** Copies the fields that an older schema shares with the current record into a record of that schema. */
    private static GenericRecord asOlderRecord(org.apache.avro.specific.SpecificRecordBase current, Schema older) {
        GenericData.Record record = new GenericData.Record(older);
        for (Schema.Field field : older.getFields()) {
            Object value = current.get(field.name());
            if (value instanceof org.apache.avro.specific.SpecificRecordBase nested) {
                value = asOlderRecord(nested, field.schema());
            }
            record.put(field.name(), value);
        }
        return record;
    }

    @Test
    void reconstructionV1ReadsWithDefaultSpread() throws IOException {
        Schema v1 = historySchema("Reconstruction-v1.avsc");
        Reconstruction expected = SampleRecords.reconstruction();
        byte[] oldBytes = RecordCodec.generic(v1, List.of()).encode(null, asOlderRecord(expected, v1));

        Reconstruction decoded = RecordSerdes.reconstruction().deserializer()
                .deserialize(Topics.IMAGES_RECONSTRUCTED, oldBytes);

        assertThat(decoded.getAttentionSpread()).isZero();
        expected.setAttentionSpread(0);
        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.getProbeId()).isInstanceOf(String.class);
    }

    @Test
    void windowMetricsV1ReadsWithDefaults() throws IOException {
        Schema v1 = historySchema("WindowMetrics-v1.avsc");
        WindowMetrics expected = SampleRecords.windowMetrics();
        byte[] oldBytes = RecordCodec.generic(v1, List.of()).encode(null, asOlderRecord(expected, v1));

        WindowMetrics decoded = RecordSerdes.windowMetrics().deserializer().deserialize(Topics.METRICS_ROLLING, oldBytes);

        assertThat(decoded.getUnscoredCount()).isZero();
        assertThat(decoded.getMeanAttentionSpread()).isZero();
        assertThat(decoded.getSimilarity()).isEqualTo("pearson");
        expected.setUnscoredCount(0L);
        expected.setMeanAttentionSpread(0.0);
        expected.setSimilarity("pearson");
        assertThat(decoded).isEqualTo(expected);
    }

    @Test
    void oldReaderSkipsNewReconstructionField() throws IOException {
        Schema v1 = historySchema("Reconstruction-v1.avsc");
        Reconstruction current = SampleRecords.reconstruction();
        byte[] newBytes = RecordSerdes.reconstruction().serializer().serialize(Topics.IMAGES_RECONSTRUCTED, current);
        RecordCodec<GenericRecord> oldReader = RecordCodec.generic(v1, List.of(Reconstruction.getClassSchema()));

        GenericRecord decoded = oldReader.decode(Topics.IMAGES_RECONSTRUCTED, newBytes);

        assertThat(decoded.getSchema()).isEqualTo(v1);
        assertThat(decoded.hasField("attentionSpread")).isFalse();
        assertThat(decoded).isEqualTo(asOlderRecord(current, v1));
    }

    @Test
    void oldReaderSkipsNewWindowMetricsFields() throws IOException {
        Schema v1 = historySchema("WindowMetrics-v1.avsc");
        WindowMetrics current = SampleRecords.windowMetrics();
        byte[] newBytes = RecordSerdes.windowMetrics().serializer().serialize(Topics.METRICS_ROLLING, current);
        RecordCodec<GenericRecord> oldReader = RecordCodec.generic(v1, List.of(WindowMetrics.getClassSchema()));

        GenericRecord decoded = oldReader.decode(Topics.METRICS_ROLLING, newBytes);

        assertThat(decoded.hasField("unscoredCount")).isFalse();
        assertThat(decoded.hasField("meanAttentionSpread")).isFalse();
        assertThat(decoded.hasField("similarity")).isFalse();
        assertThat(decoded.get("count")).isEqualTo(200L);
        assertThat(decoded).isEqualTo(asOlderRecord(current, v1));
    }

    @Test
    void oldReaderWithoutNewSchemaRejectsFingerprint() throws IOException {
        Schema v1 = historySchema("Reconstruction-v1.avsc");
        byte[] newBytes = RecordSerdes.reconstruction().serializer()
                .serialize(Topics.IMAGES_RECONSTRUCTED, SampleRecords.reconstruction());
        RecordCodec<GenericRecord> oldReader = RecordCodec.generic(v1, List.of());

        assertThatThrownBy(() -> oldReader.decode(Topics.IMAGES_RECONSTRUCTED, newBytes))
                .isInstanceOfSatisfying(RecordDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FINGERPRINT));
    }

    @Test
    void codecListsCurrentAndEarlierFingerprints() throws IOException {
        long reconstructionV1 = RecordCodec.fingerprint(historySchema("Reconstruction-v1.avsc"));
        long windowMetricsV1 = RecordCodec.fingerprint(historySchema("WindowMetrics-v1.avsc"));

        assertThat(RecordSerdes.reconstruction().codec().knownFingerprints()).containsExactly(
                RecordCodec.fingerprint(Reconstruction.getClassSchema()), reconstructionV1);
        assertThat(RecordSerdes.windowMetrics().codec().knownFingerprints()).containsExactly(
                RecordCodec.fingerprint(WindowMetrics.getClassSchema()), windowMetricsV1);
        assertThat(RecordSerdes.probe().codec().knownFingerprints()).hasSize(1);
        assertThat(RecordSerdes.memoryPattern().codec().knownFingerprints()).hasSize(1);
    }

    /**
     * Fails when a current schema changes. Before updating a fingerprint here, copy the previous .avsc
     * into src/main/resources/io/hopfieldstream/schemas/history as the next version, so that messages
     * written with it still decode.
     */
    @Test
    void currentFingerprintsArePinned() {
        String hint = "%s fingerprint changed: add the previous schema to the schema history, then update it here";
        assertThat(hex(MemoryPattern.getClassSchema())).as(hint, "MemoryPattern").isEqualTo("0x49e5846d79fa97eb");
        assertThat(hex(Probe.getClassSchema())).as(hint, "Probe").isEqualTo("0xef4e36490a9cd23f");
        assertThat(hex(Reconstruction.getClassSchema())).as(hint, "Reconstruction").isEqualTo("0x76dcb59b33b1cc8b");
        assertThat(hex(WindowMetrics.getClassSchema())).as(hint, "WindowMetrics").isEqualTo("0x1c31abaa21ab13c4");
    }

    private static String hex(Schema schema) {
        return String.format("0x%016x", RecordCodec.fingerprint(schema));
    }

    @Test
    void genericCodecRejectsUnreadableWriter() {
        Schema reader = new Schema.Parser().parse("""
                {"type": "record", "name": "Sample", "fields": [{"name": "count", "type": "long"}]}""");
        Schema writer = new Schema.Parser().parse("""
                {"type": "record", "name": "Sample", "fields": [{"name": "other", "type": "long"}]}""");

        assertThatThrownBy(() -> RecordCodec.generic(reader, List.of(writer)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be read as Sample");
    }
}
