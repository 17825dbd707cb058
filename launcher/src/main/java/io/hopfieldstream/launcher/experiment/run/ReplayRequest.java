package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import java.util.List;
import java.util.Objects;

/**
 * A replay to run: the recorded probes of one experiment, retrieved again from its memory with each run's
 * settings.
 *
 * @param experimentId the recorded experiment
 * @param original the settings the experiment was recorded with (its memory and threshold are used)
 * @param originalRunId the run id of the recorded run, or null when unknown
 * @param publishedDigest digest of the probes as published, to check the recorded bytes against, or null
 * @param runs the settings of each replay run; only their retrieval settings differ from {@code original}
 */
public record ReplayRequest(String experimentId, PointSettings original, String originalRunId,
        String publishedDigest, List<PointSettings> runs) {

    public ReplayRequest {
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(original, "original");
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("A replay needs at least one run");
        }
        for (PointSettings run : runs) {
            if (!run.memory().equals(original.memory()) || run.threshold() != original.threshold()) {
                throw new IllegalArgumentException("A replay run of " + experimentId
                        + " must keep the recorded memory and threshold; only retrieval settings may change");
            }
        }
    }
}
