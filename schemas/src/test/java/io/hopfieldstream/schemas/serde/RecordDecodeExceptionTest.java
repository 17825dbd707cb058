package io.hopfieldstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.serde.RecordDecodeException.Reason;

class RecordDecodeExceptionTest {

    private static final String TOPIC = Topics.IMAGES_CORRUPTED;

    private final Deserializer<Probe> probes = RecordSerdes.probe().deserializer();

    private static byte[] validProbe() {
        return RecordSerdes.probe().serializer().serialize(TOPIC, SampleRecords.probe());
    }

    private RecordDecodeException decodeFailure(byte[] bytes) {
        RecordDecodeException failure = catchThrowableOfType(RecordDecodeException.class,
                () -> probes.deserialize(TOPIC, bytes));
        assertThat(failure).as("decoding %d bytes must fail", bytes.length).isNotNull();
        return failure;
    }

    /** Builds a Probe message with a valid header and a body written by the given encoder steps. */
    private static byte[] probeWithBody(BodyWriter body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Arrays.copyOf(validProbe(), RecordCodec.HEADER_LENGTH));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        body.write(encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private interface BodyWriter {
        void write(BinaryEncoder encoder) throws IOException;
    }

    @Test
    void emptyValueIsEmpty() {
        RecordDecodeException failure = decodeFailure(new byte[0]);

        assertThat(failure.reason()).isEqualTo(Reason.EMPTY);
        assertThat(failure.topic()).contains(TOPIC);
        assertThat(failure).hasMessage("Failed to decode message from topic 'images.corrupted' (EMPTY): the value has 0 bytes");
    }

    @Test
    void wrongMarkerIsBadHeader() {
        byte[] bytes = validProbe();
        bytes[1] = 0x02;

        RecordDecodeException failure = decodeFailure(bytes);

        assertThat(failure.reason()).isEqualTo(Reason.BAD_HEADER);
        assertThat(failure).hasMessageContaining("starts with C3 02, expected the single-object marker C3 01");
    }

    @Test
    void randomBytesAreBadHeader() {
        Random random = new Random(42);
        byte[] bytes = new byte[500];
        random.nextBytes(bytes);
        bytes[0] = 0x17;

        RecordDecodeException failure = decodeFailure(bytes);

        assertThat(failure.reason()).isEqualTo(Reason.BAD_HEADER);
    }

    @Test
    void plainTextIsBadHeader() {
        RecordDecodeException failure = decodeFailure("{\"probeId\": \"p-1\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(failure.reason()).isEqualTo(Reason.BAD_HEADER);
        assertThat(failure).hasMessageContaining("starts with 7B 22");
    }

    @Test
    void everyShorterPrefixIsTruncated() {
        byte[] bytes = validProbe();

        for (int length = 1; length < bytes.length; length++) {
            RecordDecodeException failure = decodeFailure(Arrays.copyOf(bytes, length));
            assertThat(failure.reason()).as("prefix of %d bytes", length).isEqualTo(Reason.TRUNCATED);
        }
    }

    @Test
    void headerOnlyIsTruncated() {
        RecordDecodeException failure = decodeFailure(Arrays.copyOf(validProbe(), RecordCodec.HEADER_LENGTH));

        assertThat(failure.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(failure).hasMessageContaining("ends before the Probe");
    }

    @Test
    void shortHeaderIsTruncated() {
        RecordDecodeException failure = decodeFailure(Arrays.copyOf(validProbe(), 6));

        assertThat(failure.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(failure).hasMessageContaining("the message has 6 bytes, fewer than the 10-byte single-object header");
    }

    @Test
    void changedFingerprintIsUnknown() {
        byte[] bytes = validProbe();
        bytes[5] ^= 0x40;

        RecordDecodeException failure = decodeFailure(bytes);

        assertThat(failure.reason()).isEqualTo(Reason.UNKNOWN_FINGERPRINT);
        String known = String.format("0x%016x", RecordCodec.fingerprint(Probe.getClassSchema()));
        assertThat(failure).hasMessageContaining("matches none of the Probe schemas registered in this decoder [" + known + "]");
    }

    @Test
    void otherRecordTypeIsUnknownFingerprint() {
        byte[] pattern = RecordSerdes.memoryPattern().serializer()
                .serialize(Topics.MEMORY_PATTERNS, SampleRecords.memoryPattern());

        RecordDecodeException failure = decodeFailure(pattern);

        assertThat(failure.reason()).isEqualTo(Reason.UNKNOWN_FINGERPRINT);
        String written = String.format("0x%016x", RecordCodec.fingerprint(MemoryPattern.getClassSchema()));
        assertThat(failure).hasMessageContaining("writer schema fingerprint " + written);
    }

    @Test
    void trailingBytesAreUndecodable() {
        byte[] valid = validProbe();
        byte[] bytes = Arrays.copyOf(valid, valid.length + 3);

        RecordDecodeException failure = decodeFailure(bytes);

        assertThat(failure.reason()).isEqualTo(Reason.UNDECODABLE);
        assertThat(failure).hasMessageContaining("3 bytes are left after the Probe");
    }

    @Test
    void invalidUnionIndexIsUndecodable() throws IOException {
        byte[] bytes = probeWithBody(encoder -> {
            encoder.writeString("exp-1");
            encoder.writeString("exp-1-000001");
            encoder.writeLong(1);
            encoder.writeIndex(7);
            encoder.writeFixed(new byte[64]);
        });

        RecordDecodeException failure = decodeFailure(bytes);

        assertThat(failure.reason()).isEqualTo(Reason.UNDECODABLE);
        assertThat(failure).hasMessageContaining("the body is not a valid Probe");
        assertThat(failure.getCause()).isNotNull();
    }

    @Test
    void negativeLengthIsUndecodable() throws IOException {
        byte[] bytes = probeWithBody(encoder -> {
            encoder.writeLong(-5);
            encoder.writeFixed(new byte[64]);
        });

        RecordDecodeException failure = decodeFailure(bytes);

        assertThat(failure.reason()).isEqualTo(Reason.UNDECODABLE);
        assertThat(failure).hasMessageContaining("negative");
    }

    @Test
    void hugeLengthIsTruncated() throws IOException {
        byte[] bytes = probeWithBody(encoder -> encoder.writeLong(Integer.MAX_VALUE - 16));

        RecordDecodeException failure = decodeFailure(bytes);

        assertThat(failure.reason()).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void randomBodiesRaiseOnlyDecodeExceptions() {
        Random random = new Random(7);
        byte[] header = Arrays.copyOf(validProbe(), RecordCodec.HEADER_LENGTH);

        for (int trial = 0; trial < 2_000; trial++) {
            byte[] bytes = new byte[RecordCodec.HEADER_LENGTH + random.nextInt(200)];
            random.nextBytes(bytes);
            System.arraycopy(header, 0, bytes, 0, header.length);

            try {
                probes.deserialize(TOPIC, bytes);
            } catch (RecordDecodeException expected) {
                assertThat(expected.reason()).isIn(Reason.TRUNCATED, Reason.UNDECODABLE);
            }
        }
    }

    @Test
    void codecWithoutTopicOmitsIt() {
        RecordDecodeException failure = catchThrowableOfType(RecordDecodeException.class,
                () -> RecordSerdes.probe().codec().decode(null, new byte[] {1, 2, 3}));

        assertThat(failure.topic()).isEmpty();
        assertThat(failure).hasMessage(
                "Failed to decode message (BAD_HEADER): the message starts with 01 02, expected the single-object marker C3 01");
    }

    @Test
    void reasonIsRequired() {
        assertThatThrownBy(() -> new RecordDecodeException(null, TOPIC, "detail", null))
                .isInstanceOf(NullPointerException.class);
    }
}
