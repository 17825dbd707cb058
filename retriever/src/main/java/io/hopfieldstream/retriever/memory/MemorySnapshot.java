package io.hopfieldstream.retriever.memory;

import java.util.List;

/**
 * An immutable version of the memory bank. Retrieval always works on one snapshot, so it never
 * sees a half-applied update; a backend rebuilds its matrices when the version changes.
 *
 * @param version increases by one with every applied change (new pattern, replaced pattern or tombstone)
 * @param patterns the stored patterns in a fixed order; row i of the memory matrix is patterns.get(i)
 */
public record MemorySnapshot(long version, List<StoredPattern> patterns) {

    public MemorySnapshot {
        patterns = List.copyOf(patterns);
    }

    public int size() {
        return patterns.size();
    }
}
