package io.hopfieldstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.WindowMetrics;

class AvroSerdeTest {

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(RecordSerdes.memoryPattern(), SampleRecords.memoryPattern(), Topics.MEMORY_PATTERNS),
                Arguments.of(RecordSerdes.probe(), SampleRecords.probe(), Topics.IMAGES_CORRUPTED),
                Arguments.of(RecordSerdes.probe(), SampleRecords.probeWithoutTruthOrMask(), Topics.IMAGES_CORRUPTED),
                Arguments.of(RecordSerdes.reconstruction(), SampleRecords.reconstruction(), Topics.IMAGES_RECONSTRUCTED),
                Arguments.of(RecordSerdes.windowMetrics(), SampleRecords.windowMetrics(), Topics.METRICS_ROLLING));
    }

    @ParameterizedTest
    @MethodSource("records")
    <T extends SpecificRecord> void roundTripKeepsEveryField(AvroSerde<T> serde, T record, String topic) {
        byte[] bytes = serde.serializer().serialize(topic, record);

        T decoded = serde.deserializer().deserialize(topic, bytes);

        assertThat(decoded).isEqualTo(record);
        assertThat(decoded).isNotSameAs(record);
    }

    @ParameterizedTest
    @MethodSource("records")
    <T extends SpecificRecord> void headerHoldsMarkerAndFingerprint(AvroSerde<T> serde, T record, String topic) {
        byte[] bytes = serde.serializer().serialize(topic, record);

        long expected = RecordCodec.fingerprint(record.getSchema());
        long written = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void avroOwnDecoderReadsSerializedProbe() throws Exception {
        Probe probe = SampleRecords.probe();
        byte[] bytes = RecordSerdes.probe().serializer().serialize(Topics.IMAGES_CORRUPTED, probe);

        Probe decoded = Probe.getDecoder().decode(bytes);

        assertThat(decoded).isEqualTo(probe);
    }

    @Test
    void deserializerReadsAvroOwnEncoding() throws Exception {
        Reconstruction reconstruction = SampleRecords.reconstruction();
        ByteBuffer encoded = Reconstruction.getEncoder().encode(reconstruction);
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.arrayOffset() + encoded.position(),
                encoded.arrayOffset() + encoded.limit());

        Reconstruction decoded = RecordSerdes.reconstruction().deserializer()
                .deserialize(Topics.IMAGES_RECONSTRUCTED, bytes);

        assertThat(decoded).isEqualTo(reconstruction);
    }

    @Test
    void probeEncodingSizeIsPixelsPlusFields() {
        byte[] bytes = RecordSerdes.probe().serializer().serialize(Topics.IMAGES_CORRUPTED, SampleRecords.probe());

        // header + pixels + mask + the remaining fields, which take well under 200 bytes
        assertThat(bytes.length).isBetween(10 + 2 * Topics.PIXELS_PER_IMAGE, 10 + 2 * Topics.PIXELS_PER_IMAGE + 200);
    }

    @Test
    void tombstoneStaysNull() {
        AvroSerde<MemoryPattern> serde = RecordSerdes.memoryPattern();

        assertThat(serde.serializer().serialize(Topics.MEMORY_PATTERNS, null)).isNull();
        assertThat(serde.deserializer().deserialize(Topics.MEMORY_PATTERNS, null)).isNull();
    }

    @Test
    void serializerRejectsMissingRequiredField() {
        WindowMetrics metrics = SampleRecords.windowMetrics();
        metrics.setRunId(null);

        assertThatThrownBy(() -> RecordSerdes.windowMetrics().serializer().serialize(Topics.METRICS_ROLLING, metrics))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("WindowMetrics")
                .hasMessageContaining("'metrics.rolling'");
    }

    @Test
    void serdeRejectsClassThatIsNotGenerated() {
        assertThatThrownBy(() -> new AvroSerde<>(org.apache.avro.generic.GenericData.Record.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a generated Avro SpecificRecord class");
    }

    @Test
    void sharedSerdeDecodesOnManyThreads() throws Exception {
        AvroSerde<Reconstruction> serde = RecordSerdes.reconstruction();
        int threads = 4;
        int messagesPerThread = 500;
        ExecutorService executor = Executors.newFixedThreadPool(threads);

        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(executor.submit(() -> {
                    int matches = 0;
                    for (int i = 0; i < messagesPerThread; i++) {
                        Reconstruction record = SampleRecords.reconstruction();
                        record.setIterations(thread * messagesPerThread + i);
                        byte[] bytes = serde.serializer().serialize(Topics.IMAGES_RECONSTRUCTED, record);
                        if (serde.deserializer().deserialize(Topics.IMAGES_RECONSTRUCTED, bytes).equals(record)) {
                            matches++;
                        }
                    }
                    return matches;
                }));
            }

            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(messagesPerThread);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void serdeSharesOneSerializerAndDeserializer() {
        AvroSerde<Probe> serde = RecordSerdes.probe();

        assertThat(serde.serializer()).isSameAs(serde.serializer());
        assertThat(serde.deserializer()).isSameAs(serde.deserializer());
    }
}
