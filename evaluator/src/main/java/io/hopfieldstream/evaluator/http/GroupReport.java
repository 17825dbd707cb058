package io.hopfieldstream.evaluator.http;

import io.hopfieldstream.schemas.WindowMetrics;

import java.util.List;

/**
 * Metrics of one corruption group of a run.
 *
 * @param corruptionKind corruption kind
 * @param corruptionLevel corruption level
 * @param cumulative totals of the whole run so far
 * @param count window of the last K reconstructions, or null when the local store has none
 * @param hopping hopping windows still held in the window store, latest first
 * @param lateRecords records that arrived after the grace period of at least one of their hopping windows
 */
public record GroupReport(
        String corruptionKind,
        double corruptionLevel,
        WindowMetrics cumulative,
        WindowMetrics count,
        List<WindowMetrics> hopping,
        long lateRecords) {
}
