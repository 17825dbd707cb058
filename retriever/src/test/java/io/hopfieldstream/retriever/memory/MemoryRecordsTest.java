package io.hopfieldstream.retriever.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.serde.RecordCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class MemoryRecordsTest {

    private static final RecordCodec<MemoryPattern> CODEC = RecordCodec.forClass(MemoryPattern.class);

    private static byte[] pattern(String id, int pixelCount) {
        byte[] pixels = new byte[pixelCount];
        pixels[0] = 42;
        return CODEC.encode("memory", MemoryPattern.newBuilder()
                .setPatternId(id)
                .setLabel(4)
                .setSplit("test")
                .setSourceIndex(7)
                .setPixels(ByteBuffer.wrap(pixels))
                .build());
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>("memory", 0, 5, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    @Test
    void validPatternStored() {
        MemoryRecords.Change change = new MemoryRecords().read(record("test-00007", pattern("test-00007", 3072)));

        assertThat(change).isInstanceOf(MemoryRecords.Change.Stored.class);
        StoredPattern stored = ((MemoryRecords.Change.Stored) change).pattern();
        assertThat(stored.patternId()).isEqualTo("test-00007");
        assertThat(stored.label()).isEqualTo(4);
        assertThat(stored.pixels()).hasSize(3072);
        assertThat(stored.pixels()[0]).isEqualTo((byte) 42);
    }

    @Test
    void tombstoneRemoves() {
        MemoryRecords.Change change = new MemoryRecords().read(record("test-00007", null));

        assertThat(change).isEqualTo(new MemoryRecords.Change.Removed("test-00007"));
    }

    @Test
    void wrongPixelCountRejected() {
        MemoryRecords.Change change = new MemoryRecords().read(record("p", pattern("p", 100)));

        assertThat(change).isInstanceOf(MemoryRecords.Change.Rejected.class);
        assertThat(((MemoryRecords.Change.Rejected) change).reason()).isEqualTo("WRONG_PIXEL_COUNT");
    }

    @Test
    void keyMismatchRejected() {
        MemoryRecords.Change change = new MemoryRecords().read(record("a", pattern("b", 3072)));

        assertThat(((MemoryRecords.Change.Rejected) change).reason()).isEqualTo("KEY_MISMATCH");
    }

    @Test
    void garbageAndMissingKeyRejected() {
        MemoryRecords records = new MemoryRecords();

        assertThat(((MemoryRecords.Change.Rejected) records.read(record("a", new byte[] {9, 9, 9}))).reason())
                .isEqualTo("BAD_HEADER");
        assertThat(((MemoryRecords.Change.Rejected) records.read(record(null, pattern("a", 3072)))).reason())
                .isEqualTo("MISSING_KEY");
    }
}
