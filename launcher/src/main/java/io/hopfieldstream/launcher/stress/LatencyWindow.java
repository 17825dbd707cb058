package io.hopfieldstream.launcher.stress;

import org.HdrHistogram.Histogram;

/**
 * End-to-end latencies recorded while the window is open, in milliseconds. Opened and closed by
 * {@link ReconstructionTracker}, which records into every open window.
 */
public final class LatencyWindow {

    private final Histogram histogram = new Histogram(ReconstructionTracker.MAX_TRACKED_MILLIS, 3);

    LatencyWindow() {
    }

    void record(long millis) {
        histogram.recordValue(millis);
    }

    /** Returns a copy of what was recorded; called under the tracker's lock. */
    Histogram copy() {
        return histogram.copy();
    }
}
