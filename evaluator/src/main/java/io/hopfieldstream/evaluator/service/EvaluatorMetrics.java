package io.hopfieldstream.evaluator.service;

import io.hopfieldstream.evaluator.http.MetricsUnavailableException;
import io.hopfieldstream.evaluator.scoring.RejectionReason;
import io.hopfieldstream.evaluator.topology.RejectionCounts;
import io.hopfieldstream.evaluator.windows.MetricsAccumulator;
import io.hopfieldstream.evaluator.windows.MetricsGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Prometheus metrics of the evaluator: the Kafka Streams client metrics, the rejected records by reason, and per
 * experiment, run and corruption the cumulative accuracy, similarity loss, counts and late records.
 *
 * <p>The per-group gauges are read from the local state stores at each scrape, so they follow the stores through
 * restarts and rebalances.
 */
final class EvaluatorMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluatorMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaStreamsMetrics streamsMetrics;
    private final MetricsQueries queries;
    private final MultiGauge accuracy;
    private final MultiGauge similarityLoss;
    private final MultiGauge scoredCount;
    private final MultiGauge unscoredCount;
    private final MultiGauge lateRecords;

    EvaluatorMetrics(KafkaStreams streams, MetricsQueries queries, RejectionCounts rejections,
            ReadinessTracker readiness) {
        this.queries = queries;
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);

        for (RejectionReason reason : RejectionReason.values()) {
            FunctionCounter.builder("hopfield.evaluator.rejected.records", rejections,
                            counts -> counts.count(reason))
                    .description("Records sent to the dead-letter topic or skipped, by reason")
                    .tag("reason", reason.name())
                    .register(registry);
        }
        Gauge.builder("hopfield.evaluator.ready", readiness, tracker -> tracker.isReady() ? 1 : 0)
                .description("1 when the evaluator is running with its state restored, else 0")
                .register(registry);

        accuracy = group("hopfield.evaluator.accuracy", "Cumulative accuracy (correct / scored) per run and corruption");
        similarityLoss = group("hopfield.evaluator.similarity.loss",
                "Cumulative similarity loss, the sum of (1 - similarity), per run and corruption");
        scoredCount = group("hopfield.evaluator.scored", "Scored reconstructions per run and corruption");
        unscoredCount = group("hopfield.evaluator.unscored",
                "Reconstructions without a known truth per run and corruption");
        lateRecords = group("hopfield.evaluator.late.records",
                "Records that arrived after the grace period of a hopping window, per run and corruption");
    }

    /** Refreshes the per-group gauges and returns the scrape text in the Prometheus format. */
    String scrape() {
        try {
            refreshGroups();
        } catch (MetricsUnavailableException e) {
            LOG.debug("Per-run gauges not refreshed: {}", e.getMessage());
        }
        return registry.scrape();
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    private void refreshGroups() {
        Map<MetricsGroup, MetricsAccumulator> totals = queries.cumulativeTotals();
        Map<String, Long> late = queries.lateRecords();

        accuracy.register(rows(totals, MetricsAccumulator::accuracy), true);
        similarityLoss.register(rows(totals, MetricsAccumulator::similarityLoss), true);
        scoredCount.register(rows(totals, MetricsAccumulator::count), true);
        unscoredCount.register(rows(totals, MetricsAccumulator::unscoredCount), true);

        List<MultiGauge.Row<?>> lateRows = new ArrayList<>();
        late.forEach((key, count) -> lateRows.add(MultiGauge.Row.of(tags(MetricsGroup.parse(key)), count)));
        lateRecords.register(lateRows, true);
    }

    private MultiGauge group(String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    private static List<MultiGauge.Row<?>> rows(Map<MetricsGroup, MetricsAccumulator> totals,
            ToDoubleFunction<MetricsAccumulator> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        totals.forEach((group, accumulator) ->
                rows.add(MultiGauge.Row.of(tags(group), value.applyAsDouble(accumulator))));
        return rows;
    }

    private static Tags tags(MetricsGroup group) {
        return Tags.of("experiment", group.experimentId(), "run", group.runId(),
                "corruption_kind", group.corruptionKind(),
                "corruption_level", group.levelText());
    }

    @Override
    public void close() {
        streamsMetrics.close();
        registry.close();
    }
}
