package io.hopfieldstream.launcher.experiment.sweep;

/**
 * One point of a sweep: one combination of settings, run once under its own experiment id even when
 * several series contain it.
 *
 * @param number position of the point in the sweep, 1-based, in the order the series first list it
 * @param experimentId experiment id of its probes, reconstructions and metrics
 * @param settings its settings
 * @param probeSeed seed of its probe selection and corruption; points that differ only in retrieval or
 *     scoring settings get the same probes
 */
public record SweepPoint(int number, String experimentId, PointSettings settings, long probeSeed) {
}
