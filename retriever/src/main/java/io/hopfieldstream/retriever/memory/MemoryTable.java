package io.hopfieldstream.retriever.memory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable table of stored patterns that the memory follower updates from the memory topic and
 * publishes as immutable {@link MemoryVersion}s. Rows keep the order in which their pattern ids
 * first arrived: a replaced pattern keeps its row and a removed one closes its gap. Confined to one
 * thread.
 */
final class MemoryTable {

    private final Map<String, StoredPattern> patterns = new LinkedHashMap<>();
    private long version;
    private long changesSincePublish;

    /** Stores a pattern, replacing the one with the same id. */
    void put(StoredPattern pattern) {
        patterns.put(pattern.patternId(), pattern);
        version++;
        changesSincePublish++;
    }

    /**
     * Removes the pattern with this id, as a tombstone on the memory topic asks.
     *
     * @return whether a pattern was removed; a tombstone for an unknown id changes nothing
     */
    boolean remove(String patternId) {
        if (patterns.remove(patternId) == null) {
            return false;
        }
        version++;
        changesSincePublish++;
        return true;
    }

    /** Returns whether a change arrived since the last {@link #publish}. */
    boolean hasUnpublishedChanges() {
        return changesSincePublish > 0;
    }

    int size() {
        return patterns.size();
    }

    /** Returns the current content as an immutable version; its number counts every change applied so far. */
    MemoryVersion publish() {
        changesSincePublish = 0;
        return new MemoryVersion(new MemorySnapshot(version, List.copyOf(patterns.values())));
    }
}
