package io.hopfieldstream.evaluator.http;

import java.util.List;

/**
 * Metrics of one run, as returned by {@code GET /metrics/runs/{experiment}/{run}}.
 *
 * @param experimentId experiment of the run
 * @param runId retrieval run
 * @param groups one report per corruption kind and level, sorted by kind then level
 */
public record RunReport(String experimentId, String runId, List<GroupReport> groups) {
}
