package io.hopfieldstream.launcher.experiment.sweep;

import io.hopfieldstream.schemas.WindowMetrics;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A number of a point's cumulative metrics that a sweep can plot. */
public enum Metric {

    /** Share of reconstructions whose similarity reached the threshold. */
    ACCURACY("accuracy", "accuracy (share with similarity >= threshold)", WindowMetrics::getAccuracy),

    /** Mean of (1 - similarity) per probe: the similarity loss divided by the number of probes. */
    SIMILARITY_LOSS("similarityLoss", "similarity loss per probe (mean of 1 - similarity)",
            metrics -> metrics.getCount() == 0 ? 0.0 : metrics.getSimilarityLoss() / metrics.getCount()),

    /** Mean similarity of reconstruction and original. */
    MEAN_SIMILARITY("meanSimilarity", "mean similarity (Pearson correlation)", WindowMetrics::getMeanSimilarity),

    /** Share of probes whose retrieved pattern is their own stored image. */
    EXACT_MATCH("exactMatchRate", "exact-match rate (retrieved id = truth id)", WindowMetrics::getExactMatchRate),

    /** Mean peak signal-to-noise ratio against the original. */
    MEAN_PSNR("meanPsnr", "mean PSNR (dB, peak 255)", WindowMetrics::getMeanPsnr),

    /** Mean number of stored patterns that hold 90% of the attention; 1 is a clean retrieval. */
    ATTENTION_SPREAD("meanAttentionSpread", "patterns holding 90% of the attention (mean)",
            WindowMetrics::getMeanAttentionSpread);

    private final String key;
    private final String axisTitle;
    private final ToDoubleFunction<WindowMetrics> extractor;

    Metric(String key, String axisTitle, ToDoubleFunction<WindowMetrics> extractor) {
        this.key = key;
        this.axisTitle = axisTitle;
        this.extractor = extractor;
    }

    /** Returns the key in sweep files and file names, for example "accuracy". */
    public String key() {
        return key;
    }

    /** Returns the axis title with its unit. */
    public String axisTitle() {
        return axisTitle;
    }

    /** Returns this metric's value of a point's cumulative metrics. */
    public double valueOf(WindowMetrics metrics) {
        return extractor.applyAsDouble(metrics);
    }

    /**
     * Finds a metric by its key, ignoring case, '-' and '_'.
     *
     * @throws IllegalArgumentException naming the accepted keys
     */
    public static Metric byKey(String key) {
        String wanted = key.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        StringBuilder keys = new StringBuilder();
        for (Metric metric : values()) {
            if (metric.key.toLowerCase(Locale.ROOT).equals(wanted)) {
                return metric;
            }
            keys.append(keys.isEmpty() ? "" : ", ").append(metric.key);
        }
        throw new IllegalArgumentException("unknown metric '" + key + "': expected one of " + keys);
    }
}
