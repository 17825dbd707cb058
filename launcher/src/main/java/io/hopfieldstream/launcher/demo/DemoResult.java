package io.hopfieldstream.launcher.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The outcome of a demo run.
 *
 * @param experimentId the run's experiment
 * @param runId the retriever's run id
 * @param probesSent probes the broker acknowledged
 * @param progress the final counts and metrics
 * @param picture the PNG of sample triplets
 * @param wallTime time from start to the summary, without the shutdown
 */
public record DemoResult(String experimentId, String runId, long probesSent, PipelineWatcher.Progress progress,
        Path picture, Duration wallTime) {
}
