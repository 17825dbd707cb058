package io.hopfieldstream.evaluator.http;

import java.util.List;

/**
 * One run known to the evaluator, as listed by {@code GET /metrics/runs}.
 *
 * @param experimentId experiment of the run
 * @param runId retrieval run
 * @param corruptions the run's corruption groups as {@code kind:level}, sorted
 * @param count scored reconstructions over all its corruptions
 * @param correctCount correct reconstructions over all its corruptions
 * @param unscoredCount reconstructions without a known truth over all its corruptions
 */
public record RunSummary(
        String experimentId,
        String runId,
        List<String> corruptions,
        long count,
        long correctCount,
        long unscoredCount) {
}
