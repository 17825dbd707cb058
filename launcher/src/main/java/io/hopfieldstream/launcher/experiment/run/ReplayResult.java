package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.schemas.WindowMetrics;
import java.util.List;

/**
 * The outcome of a replay.
 *
 * @param request what was replayed
 * @param recordedProbes probes of the experiment read from the probe topic
 * @param recordedDigest SHA-256 of their record values in probe index order
 * @param digestMatches whether that digest equals the digest of the probes as published; null when that is unknown
 * @param probesWritten records written to the probe topic while the replay ran; 0 unless another client wrote
 * @param runs every run of the experiment as recorded after the replay, the original first
 * @param seconds time the replay took
 */
public record ReplayResult(ReplayRequest request, int recordedProbes, String recordedDigest, Boolean digestMatches,
        long probesWritten, List<RunComparison> runs, double seconds) {

    public ReplayResult {
        runs = List.copyOf(runs);
    }

    /**
     * One run of a replayed experiment compared with the recorded run.
     *
     * @param runId the run
     * @param role "original", "replay" for a run of this replay, or "earlier" for another run found on the topics
     * @param settings the run's settings when known, else null
     * @param metrics its cumulative metrics as read from the metrics topic, or null when none arrived
     * @param failure why a replay run failed, or null
     * @param reconstructed probes with a reconstruction in this run
     * @param recordedProbesSeen reconstructions that carry the creation time and corruption seed of the recorded probe
     * @param sameRetrievedAsOriginal probes whose retrieved pattern equals the original run's; -1 without an original
     * @param samePixelsAsOriginal probes whose reconstructed pixels equal the original run's; -1 without an original
     */
    public record RunComparison(String runId, String role, PointSettings settings, WindowMetrics metrics, String failure,
            int reconstructed, int recordedProbesSeen, int sameRetrievedAsOriginal, int samePixelsAsOriginal) {
    }
}
