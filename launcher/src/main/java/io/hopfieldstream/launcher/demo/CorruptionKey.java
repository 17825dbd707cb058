package io.hopfieldstream.launcher.demo;

import io.hopfieldstream.schemas.Corruption;
import io.hopfieldstream.schemas.WindowMetrics;
import java.math.BigDecimal;

/**
 * The corruption kind and level that metrics are grouped by.
 *
 * @param kind corruption kind, for example "gaussian" or "lower-half"
 * @param level strength of the corruption, as in {@link Corruption#getLevel()}
 */
public record CorruptionKey(String kind, double level) implements Comparable<CorruptionKey> {

    public static CorruptionKey of(Corruption corruption) {
        return new CorruptionKey(corruption.getKind(), corruption.getLevel());
    }

    public static CorruptionKey of(WindowMetrics metrics) {
        return new CorruptionKey(metrics.getCorruptionKind(), metrics.getCorruptionLevel());
    }

    /** Formats the key as "kind level" with the level's trailing zeros removed, for example "gaussian 25". */
    public String label() {
        if (level == 0.0) {
            return kind;
        }
        return kind + " " + BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }

    @Override
    public int compareTo(CorruptionKey other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : Double.compare(level, other.level);
    }
}
