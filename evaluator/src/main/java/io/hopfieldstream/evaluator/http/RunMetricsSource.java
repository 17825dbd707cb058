package io.hopfieldstream.evaluator.http;

import java.util.List;
import java.util.Optional;

/** Reads the evaluator's metrics for the HTTP endpoints. */
public interface RunMetricsSource {

    /**
     * Returns the runs known so far, sorted by experiment and run.
     *
     * @throws MetricsUnavailableException when the state stores cannot be queried now, for example during a
     *     rebalance
     */
    List<RunSummary> runs();

    /**
     * Returns the metrics of one run, or empty when the run is unknown.
     *
     * @throws MetricsUnavailableException when the state stores cannot be queried now
     */
    Optional<RunReport> run(String experimentId, String runId);
}
