package io.hopfieldstream.evaluator.windows;

import io.hopfieldstream.evaluator.scoring.ScoredReconstruction;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Experiment, run and corruption that metrics are grouped by, and the keys built from them.
 *
 * <p>The group key is {@code experiment/run/kind:level}, for example {@code exp-1/run-a/gaussian:25}. Keys on
 * {@code metrics.rolling} append the window: {@code .../hopping/<window start ms>}, {@code .../count} or
 * {@code .../cumulative}, so a compacted topic keeps the latest value of every window. In each part, {@code %},
 * {@code /} and {@code :} are percent-encoded ({@code %25}, {@code %2F}, {@code %3A}), so ids may contain any
 * character. The level is written without trailing zeros ({@code 25}, {@code 0.25}).
 *
 * @param experimentId experiment of the reconstructions
 * @param runId retrieval run
 * @param corruptionKind corruption kind, as in {@code Corruption.kind}
 * @param corruptionLevel corruption level, as in {@code Corruption.level}
 */
public record MetricsGroup(String experimentId, String runId, String corruptionKind, double corruptionLevel) {

    public MetricsGroup {
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(corruptionKind, "corruptionKind");
    }

    /** Returns the group of a scored reconstruction. */
    public static MetricsGroup of(ScoredReconstruction scored) {
        return new MetricsGroup(scored.experimentId(), scored.runId(), scored.corruptionKind(),
                scored.corruptionLevel());
    }

    /** Returns the group key {@code experiment/run/kind:level}. */
    public String key() {
        return runPrefix(experimentId, runId) + escape(corruptionKind) + ":" + levelText();
    }

    /** Returns the corruption level without trailing zeros, as in the key: {@code 25}, {@code 0.25}. */
    public String levelText() {
        return formatLevel(corruptionLevel);
    }

    /** Returns the key of this group's window on {@code metrics.rolling}. */
    public String windowKey(WindowType type, long windowStartMs) {
        String key = key() + "/" + type.id();
        return type == WindowType.HOPPING ? key + "/" + windowStartMs : key;
    }

    /** Returns the prefix {@code experiment/run/} that every group key of one run starts with. */
    public static String runPrefix(String experimentId, String runId) {
        return escape(experimentId) + "/" + escape(runId) + "/";
    }

    /**
     * Parses a group key written by {@link #key()}.
     *
     * @throws IllegalArgumentException when the key does not have the form {@code experiment/run/kind:level}
     */
    public static MetricsGroup parse(String key) {
        String[] parts = key.split("/", -1);
        int levelSeparator = parts.length == 3 ? parts[2].lastIndexOf(':') : -1;
        if (levelSeparator < 0) {
            throw new IllegalArgumentException("Invalid metrics group key '" + key
                    + "': expected experiment/run/kind:level");
        }

        String level = parts[2].substring(levelSeparator + 1);
        try {
            return new MetricsGroup(unescape(parts[0]), unescape(parts[1]),
                    unescape(parts[2].substring(0, levelSeparator)), Double.parseDouble(level));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid corruption level '" + level + "' in metrics group key '"
                    + key + "'", e);
        }
    }

    static String formatLevel(double level) {
        if (!Double.isFinite(level)) {
            return Double.toString(level);
        }
        return BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }

    static String escape(String part) {
        StringBuilder escaped = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            switch (c) {
                case '%' -> escaped.append("%25");
                case '/' -> escaped.append("%2F");
                case ':' -> escaped.append("%3A");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    static String unescape(String part) {
        StringBuilder plain = new StringBuilder(part.length());
        int i = 0;
        while (i < part.length()) {
            if (part.startsWith("%25", i)) {
                plain.append('%');
                i += 3;
            } else if (part.startsWith("%2F", i)) {
                plain.append('/');
                i += 3;
            } else if (part.startsWith("%3A", i)) {
                plain.append(':');
                i += 3;
            } else {
                plain.append(part.charAt(i));
                i++;
            }
        }
        return plain.toString();
    }
}
