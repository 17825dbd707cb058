package io.hopfieldstream.retriever.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.MemoryVersion;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.schemas.Corruption;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.serde.RecordCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ProbeChecksTest {

    private static final RecordCodec<Probe> CODEC = RecordCodec.forClass(Probe.class);
    private static final MemoryVersion MEMORY = new MemoryVersion(new MemorySnapshot(1,
            List.of(new StoredPattern("test-00000", 3, new byte[3072]))));

    private static Probe.Builder probe(String experimentId, String probeId) {
        return Probe.newBuilder()
                .setExperimentId(experimentId)
                .setProbeId(probeId)
                .setProbeIndex(0)
                .setTruthPatternId("test-00000")
                .setLabel(3)
                .setCorruption(new Corruption("gaussian", 25.0, "gaussian:25", 7L))
                .setKnownMask(null)
                .setPixels(ByteBuffer.wrap(new byte[3072]))
                .setCreatedAtMs(1_000L);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>("probes", 2, offset, "key".getBytes(), value);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, Probe probe) {
        return record(offset, CODEC.encode("probes", probe));
    }

    private static RejectReason reasonOf(ConsumerRecord<byte[], byte[]> record) {
        ProbeChecks.CheckedBatch batch = new ProbeChecks(null).check(List.of(record), MEMORY);
        assertThat(batch.accepted()).isEmpty();
        assertThat(batch.rejected()).hasSize(1);
        return batch.rejected().get(0).reason();
    }

    @Test
    void validProbeAccepted() {
        byte[] mask = new byte[3072];
        Arrays.fill(mask, 0, 1536, (byte) 1);

        ProbeChecks.CheckedBatch batch = new ProbeChecks(null).check(List.of(
                record(0, probe("e", "e-0").build()),
                record(1, probe("e", "e-1").setKnownMask(ByteBuffer.wrap(mask)).setTruthPatternId(null).build())),
                MEMORY);

        assertThat(batch.accepted()).hasSize(2);
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.accepted().get(0).knownMask()).isNull();
        assertThat(batch.accepted().get(1).knownMask()).isEqualTo(mask);
        assertThat(batch.accepted().get(1).pixels()).hasSize(3072);
    }

    @Test
    void randomBytesUndecodable() {
        assertThat(reasonOf(record(0, new byte[] {1, 2, 3, 4, 5}))).isEqualTo(RejectReason.BAD_HEADER);
    }

    @Test
    void truncatedProbeRejected() {
        byte[] full = CODEC.encode("probes", probe("e", "e-0").build());

        assertThat(reasonOf(record(0, Arrays.copyOf(full, full.length - 100)))).isEqualTo(RejectReason.TRUNCATED);
    }

    @Test
    void unknownFingerprintRejected() {
        byte[] full = CODEC.encode("probes", probe("e", "e-0").build());
        full[5] ^= 0x5A;

        assertThat(reasonOf(record(0, full))).isEqualTo(RejectReason.UNKNOWN_FINGERPRINT);
    }

    @Test
    void nullAndEmptyValuesRejected() {
        assertThat(reasonOf(record(0, (byte[]) null))).isEqualTo(RejectReason.MISSING_VALUE);
        assertThat(reasonOf(record(0, new byte[0]))).isEqualTo(RejectReason.EMPTY);
    }

    @Test
    void wrongPixelCountRejected() {
        Probe probe = probe("e", "e-0").setPixels(ByteBuffer.wrap(new byte[3071])).build();

        assertThat(reasonOf(record(0, probe))).isEqualTo(RejectReason.WRONG_PIXEL_COUNT);
    }

    @Test
    void maskLengthAndValuesChecked() {
        byte[] badValue = new byte[3072];
        badValue[100] = 2;
        Probe shortMask = probe("e", "e-0").setKnownMask(ByteBuffer.wrap(new byte[10])).build();
        Probe twoInMask = probe("e", "e-1").setKnownMask(ByteBuffer.wrap(badValue)).build();

        assertThat(reasonOf(record(0, shortMask))).isEqualTo(RejectReason.INVALID_MASK_LENGTH);
        assertThat(reasonOf(record(1, twoInMask))).isEqualTo(RejectReason.INVALID_MASK_VALUE);
    }

    @Test
    void maskWithoutKnownPixelRejected() {
        Probe allMissing = probe("e", "e-0").setKnownMask(ByteBuffer.wrap(new byte[3072])).build();
        byte[] oneKnown = new byte[3072];
        oneKnown[3071] = 1;
        Probe lastKnown = probe("e", "e-1").setKnownMask(ByteBuffer.wrap(oneKnown)).build();

        assertThat(reasonOf(record(0, allMissing))).isEqualTo(RejectReason.NO_KNOWN_PIXELS);
        assertThat(new ProbeChecks(null).check(List.of(record(1, lastKnown)), MEMORY).accepted()).hasSize(1);
    }

    @Test
    void unknownTruthRejected() {
        Probe probe = probe("e", "e-0").setTruthPatternId("test-09999").build();

        assertThat(reasonOf(record(0, probe))).isEqualTo(RejectReason.UNKNOWN_PATTERN);
    }

    @Test
    void blankProbeIdRejected() {
        assertThat(reasonOf(record(0, probe("e", " ").build()))).isEqualTo(RejectReason.MISSING_PROBE_ID);
    }

    @Test
    void blankExperimentIdRejected() {
        assertThat(reasonOf(record(0, probe("", "e-0").build()))).isEqualTo(RejectReason.MISSING_EXPERIMENT_ID);
        assertThat(reasonOf(record(1, probe("  ", "e-1").build()))).isEqualTo(RejectReason.MISSING_EXPERIMENT_ID);
    }

    @Test
    void labelOutsideClassesRejected() {
        assertThat(reasonOf(record(0, probe("e", "e-0").setLabel(-1).build()))).isEqualTo(RejectReason.INVALID_LABEL);
        assertThat(reasonOf(record(1, probe("e", "e-1").setLabel(10).build()))).isEqualTo(RejectReason.INVALID_LABEL);
        assertThat(reasonOf(record(2, probe("e", "e-2").setLabel(Integer.MAX_VALUE).build())))
                .isEqualTo(RejectReason.INVALID_LABEL);
    }

    @Test
    void labelBoundsAccepted() {
        ProbeChecks.CheckedBatch batch = new ProbeChecks(null).check(List.of(
                record(0, probe("e", "e-0").setLabel(0).build()),
                record(1, probe("e", "e-1").setLabel(9).build())), MEMORY);

        assertThat(batch.accepted()).hasSize(2);
        assertThat(batch.rejected()).isEmpty();
    }

    @Test
    void invalidLabelDetailNamesValue() {
        Probe probe = probe("e", "e-3").setLabel(12).build();

        ProbeChecks.CheckedBatch batch = new ProbeChecks(null).check(List.of(record(0, probe)), MEMORY);

        assertThat(batch.rejected().get(0).detail())
                .isEqualTo("probe e-3 has label 12, expected a CIFAR-10 class from 0 to 9");
    }

    @Test
    void replaySkipsOtherExperiments() {
        ProbeChecks.CheckedBatch batch = new ProbeChecks("wanted").check(List.of(
                record(0, probe("other", "o-0").build()),
                record(1, probe("wanted", "w-0").build()),
                record(2, probe("other", "o-1").setPixels(ByteBuffer.wrap(new byte[5])).build())), MEMORY);

        assertThat(batch.accepted()).extracting(p -> p.probe().getProbeId()).containsExactly("w-0");
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.skipped()).isEqualTo(2);
        assertThat(batch.records()).hasSize(3);
    }

    @Test
    void rejectionKeepsDetail() {
        Probe probe = probe("e", "e-9").setPixels(ByteBuffer.wrap(new byte[12])).build();

        ProbeChecks.CheckedBatch batch = new ProbeChecks(null).check(List.of(record(4, probe)), MEMORY);

        assertThat(batch.rejected().get(0).detail()).isEqualTo("probe e-9 has 12 pixel values, expected 3072");
        assertThat(batch.rejected().get(0).record().offset()).isEqualTo(4);
    }
}
