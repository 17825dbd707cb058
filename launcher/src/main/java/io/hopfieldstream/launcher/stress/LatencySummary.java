package io.hopfieldstream.launcher.stress;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency histogram in milliseconds; every value is 0 when the histogram is empty.
 *
 * @param count recorded values
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param max largest value
 * @param mean arithmetic mean
 */
public record LatencySummary(long count, long p50, long p95, long p99, long p999, long max, double mean) {

    /** The summary of no values. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0.0);

    /** Summarises a histogram of millisecond values. */
    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(histogram.getTotalCount(),
                histogram.getValueAtPercentile(50.0),
                histogram.getValueAtPercentile(95.0),
                histogram.getValueAtPercentile(99.0),
                histogram.getValueAtPercentile(99.9),
                histogram.getMaxValue(),
                histogram.getMean());
    }
}
