package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.scoring.Scorer;
import io.hopfieldstream.evaluator.scoring.SimilarityMeasure;
import io.hopfieldstream.evaluator.windows.CountWindow;
import io.hopfieldstream.evaluator.windows.WindowMetricsFactory;
import io.hopfieldstream.schemas.Topics;

import java.time.Duration;
import java.util.Objects;

import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * Settings of the evaluator topology: topics, scoring and windows.
 *
 * @param reconstructionsTopic topic of the retriever's reconstructions
 * @param patternsTopic compacted topic of the stored patterns, read as a global table
 * @param metricsTopic topic the window metrics are written to
 * @param similarity similarity measure of a reconstruction to its original
 * @param threshold similarity at or above which a reconstruction is correct, -1..1
 * @param windowSize length of a hopping window, more than 0
 * @param windowAdvance time between the starts of two hopping windows, more than 0 and at most the size
 * @param windowGrace time after a window's end, in stream time, during which late records still enter it, at
 *     least 0
 * @param countWindowSize K, the number of most recent reconstructions in the count window, 1..100,000
 */
public record TopologySettings(
        String reconstructionsTopic,
        String patternsTopic,
        String metricsTopic,
        SimilarityMeasure similarity,
        double threshold,
        Duration windowSize,
        Duration windowAdvance,
        Duration windowGrace,
        int countWindowSize) {

    public static final Duration DEFAULT_WINDOW_SIZE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_WINDOW_ADVANCE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WINDOW_GRACE = Duration.ofSeconds(30);
    public static final int DEFAULT_COUNT_WINDOW_SIZE = 100;

    /**
     * @throws IllegalArgumentException naming the setting and its allowed range when a value is out of range
     */
    public TopologySettings {
        requireTopic(reconstructionsTopic, "reconstructions topic");
        requireTopic(patternsTopic, "patterns topic");
        requireTopic(metricsTopic, "metrics topic");
        Objects.requireNonNull(similarity, "similarity");
        if (!(threshold >= -1.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("Invalid threshold " + threshold + ": expected -1..1");
        }
        Objects.requireNonNull(windowSize, "windowSize");
        Objects.requireNonNull(windowAdvance, "windowAdvance");
        Objects.requireNonNull(windowGrace, "windowGrace");
        if (windowSize.toMillis() <= 0) {
            throw new IllegalArgumentException("Invalid window size " + windowSize + ": expected at least 1 ms");
        }
        if (windowAdvance.toMillis() <= 0 || windowAdvance.compareTo(windowSize) > 0) {
            throw new IllegalArgumentException("Invalid window advance " + windowAdvance
                    + ": expected 1 ms up to the window size " + windowSize);
        }
        if (windowGrace.isNegative()) {
            throw new IllegalArgumentException("Invalid window grace " + windowGrace + ": expected at least 0");
        }
        if (countWindowSize < 1 || countWindowSize > CountWindow.MAX_SIZE) {
            throw new IllegalArgumentException("Invalid count window size " + countWindowSize + ": expected 1.."
                    + CountWindow.MAX_SIZE);
        }
    }

    /** Returns the settings with the pipeline's topic names and every other value at its default. */
    public static TopologySettings defaults() {
        return new TopologySettings(Topics.IMAGES_RECONSTRUCTED, Topics.MEMORY_PATTERNS, Topics.METRICS_ROLLING,
                SimilarityMeasure.PEARSON, Scorer.DEFAULT_THRESHOLD, DEFAULT_WINDOW_SIZE, DEFAULT_WINDOW_ADVANCE,
                DEFAULT_WINDOW_GRACE, DEFAULT_COUNT_WINDOW_SIZE);
    }

    /** Returns the hopping windows these settings describe. */
    public TimeWindows hoppingWindows() {
        return TimeWindows.ofSizeAndGrace(windowSize, windowGrace).advanceBy(windowAdvance);
    }

    public Scorer scorer() {
        return new Scorer(similarity, threshold);
    }

    public WindowMetricsFactory metricsFactory() {
        return new WindowMetricsFactory(similarity, threshold);
    }

    public TopologySettings withSimilarity(SimilarityMeasure value, double newThreshold) {
        return new TopologySettings(reconstructionsTopic, patternsTopic, metricsTopic, value, newThreshold,
                windowSize, windowAdvance, windowGrace, countWindowSize);
    }

    public TopologySettings withWindows(Duration size, Duration advance, Duration grace) {
        return new TopologySettings(reconstructionsTopic, patternsTopic, metricsTopic, similarity, threshold, size,
                advance, grace, countWindowSize);
    }

    public TopologySettings withCountWindowSize(int size) {
        return new TopologySettings(reconstructionsTopic, patternsTopic, metricsTopic, similarity, threshold,
                windowSize, windowAdvance, windowGrace, size);
    }

    public TopologySettings withTopics(String reconstructions, String patterns, String metrics) {
        return new TopologySettings(reconstructions, patterns, metrics, similarity, threshold, windowSize,
                windowAdvance, windowGrace, countWindowSize);
    }

    private static void requireTopic(String topic, String name) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("Missing " + name + ": expected a topic name");
        }
    }
}
