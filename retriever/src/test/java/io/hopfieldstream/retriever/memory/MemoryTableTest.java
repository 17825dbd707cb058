package io.hopfieldstream.retriever.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryTableTest {

    private static StoredPattern pattern(String id, int fill) {
        byte[] pixels = new byte[3072];
        java.util.Arrays.fill(pixels, (byte) fill);
        return new StoredPattern(id, fill % 10, pixels);
    }

    private static List<String> ids(MemoryVersion version) {
        return version.snapshot().patterns().stream().map(StoredPattern::patternId).toList();
    }

    @Test
    void replacementKeepsRow() {
        MemoryTable table = new MemoryTable();
        table.put(pattern("a", 1));
        table.put(pattern("b", 2));
        table.put(pattern("a", 3));

        MemoryVersion version = table.publish();

        assertThat(ids(version)).containsExactly("a", "b");
        assertThat(version.find("a").orElseThrow().pixels()[0]).isEqualTo((byte) 3);
        assertThat(version.version()).isEqualTo(3);
    }

    @Test
    void tombstoneRemovesRow() {
        MemoryTable table = new MemoryTable();
        table.put(pattern("a", 1));
        table.put(pattern("b", 2));
        table.put(pattern("c", 3));
        MemoryVersion before = table.publish();

        assertThat(table.remove("b")).isTrue();
        MemoryVersion after = table.publish();

        assertThat(ids(after)).containsExactly("a", "c");
        assertThat(after.patternIdAt(1)).isEqualTo("c");
        assertThat(after.version()).isEqualTo(4);
        assertThat(ids(before)).containsExactly("a", "b", "c");
    }

    @Test
    void unknownTombstoneChangesNothing() {
        MemoryTable table = new MemoryTable();
        table.put(pattern("a", 1));
        table.publish();

        assertThat(table.remove("zz")).isFalse();
        assertThat(table.hasUnpublishedChanges()).isFalse();
        assertThat(table.publish().version()).isEqualTo(1);
    }

    @Test
    void fingerprintIgnoresHistory() {
        MemoryTable first = new MemoryTable();
        first.put(pattern("a", 1));
        first.put(pattern("b", 2));
        MemoryTable second = new MemoryTable();
        second.put(pattern("b", 9));
        second.put(pattern("x", 5));
        second.put(pattern("a", 1));
        second.remove("x");
        second.put(pattern("b", 2));

        MemoryVersion one = first.publish();
        MemoryVersion two = second.publish();

        assertThat(one.version()).isNotEqualTo(two.version());
        assertThat(one.fingerprint()).hasSize(64).isEqualTo(two.fingerprint());
    }

    @Test
    void fingerprintSeesPixelChange() {
        MemoryTable table = new MemoryTable();
        table.put(pattern("a", 1));
        String before = table.publish().fingerprint();

        table.put(pattern("a", 2));

        assertThat(table.publish().fingerprint()).isNotEqualTo(before);
    }

    @Test
    void emptyVersionHasNoRows() {
        MemoryVersion empty = MemoryVersion.empty();

        assertThat(empty.size()).isZero();
        assertThat(empty.patternIdAt(-1)).isNull();
        assertThat(empty.contains("a")).isFalse();
    }
}
