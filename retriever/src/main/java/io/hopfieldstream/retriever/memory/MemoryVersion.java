package io.hopfieldstream.retriever.memory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One published version of the memory bank: the immutable snapshot retrieval works on, with an
 * index from pattern id to row. A batch takes one version and uses it for every probe, so all of
 * its results come from the same memory.
 */
public final class MemoryVersion {

    private final MemorySnapshot snapshot;
    private final Map<String, Integer> rowById;
    private volatile String fingerprint;

    /** Wraps a snapshot and indexes its rows by pattern id; pattern ids must be unique. */
    public MemoryVersion(MemorySnapshot snapshot) {
        this.snapshot = snapshot;
        Map<String, Integer> rows = new HashMap<>(snapshot.size() * 2);
        List<StoredPattern> patterns = snapshot.patterns();
        for (int row = 0; row < patterns.size(); row++) {
            Integer previous = rows.put(patterns.get(row).patternId(), row);
            if (previous != null) {
                throw new IllegalArgumentException("Pattern id '" + patterns.get(row).patternId()
                        + "' appears in rows " + previous + " and " + row + " of memory version " + snapshot.version());
            }
        }
        this.rowById = Map.copyOf(rows);
    }

    /** Returns an empty memory at version 0. */
    public static MemoryVersion empty() {
        return new MemoryVersion(new MemorySnapshot(0, List.of()));
    }

    public MemorySnapshot snapshot() {
        return snapshot;
    }

    public long version() {
        return snapshot.version();
    }

    public int size() {
        return snapshot.size();
    }

    /** Returns the stored pattern with this id, if this version holds it. */
    public Optional<StoredPattern> find(String patternId) {
        Integer row = rowById.get(patternId);
        return row == null ? Optional.empty() : Optional.of(snapshot.patterns().get(row));
    }

    public boolean contains(String patternId) {
        return rowById.containsKey(patternId);
    }

    /** Returns the pattern id of a row, or null for row -1 (no pattern, as for an empty memory). */
    public String patternIdAt(int row) {
        return row < 0 ? null : snapshot.patterns().get(row).patternId();
    }

    /**
     * Returns the SHA-256 of the stored content (pattern ids, labels and pixels, in pattern id order)
     * as 64 hex digits. Two versions with the same patterns have the same fingerprint, whatever the
     * order or history of the updates that built them. Computed on first use.
     */
    public String fingerprint() {
        String value = fingerprint;
        if (value == null) {
            value = computeFingerprint();
            fingerprint = value;
        }
        return value;
    }

    private String computeFingerprint() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256, which every Java platform must provide", e);
        }

        List<StoredPattern> sorted = new ArrayList<>(snapshot.patterns());
        sorted.sort(Comparator.comparing(StoredPattern::patternId));
        ByteBuffer lengths = ByteBuffer.allocate(12);
        for (StoredPattern pattern : sorted) {
            byte[] id = pattern.patternId().getBytes(StandardCharsets.UTF_8);
            lengths.clear();
            lengths.putInt(id.length).putInt(pattern.label()).putInt(pattern.pixels().length);
            digest.update(lengths.array());
            digest.update(id);
            digest.update(pattern.pixels());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public String toString() {
        return "memory version " + version() + " (" + size() + " patterns)";
    }
}
