package io.hopfieldstream.launcher.experiment.sweep;

/**
 * A point as one series shows it.
 *
 * @param point the point
 * @param x its value of the series' x dimension, or null in a series of listed points
 * @param line the legend label of its line; empty when the series has one line
 */
public record SeriesEntry(SweepPoint point, Object x, String line) {
}
