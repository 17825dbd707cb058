package io.hopfieldstream.launcher.experiment.run;

/**
 * One retrieval run of one experiment.
 *
 * @param experimentId the experiment
 * @param runId the retrieval run
 */
public record RunKey(String experimentId, String runId) {
}
