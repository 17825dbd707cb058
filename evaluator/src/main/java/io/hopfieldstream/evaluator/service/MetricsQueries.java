package io.hopfieldstream.evaluator.service;

import io.hopfieldstream.evaluator.http.GroupReport;
import io.hopfieldstream.evaluator.http.MetricsUnavailableException;
import io.hopfieldstream.evaluator.http.RunMetricsSource;
import io.hopfieldstream.evaluator.http.RunReport;
import io.hopfieldstream.evaluator.http.RunSummary;
import io.hopfieldstream.evaluator.topology.EvaluatorTopology;
import io.hopfieldstream.evaluator.topology.TopologySettings;
import io.hopfieldstream.evaluator.windows.CountWindow;
import io.hopfieldstream.evaluator.windows.MetricsAccumulator;
import io.hopfieldstream.evaluator.windows.MetricsGroup;
import io.hopfieldstream.evaluator.windows.WindowMetricsFactory;
import io.hopfieldstream.evaluator.windows.WindowType;
import io.hopfieldstream.schemas.WindowMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads the evaluator's state stores through Kafka Streams interactive queries.
 *
 * <p>NOTE: only the stores of this instance are read. With several instances in one application, each serves
 * the groups of its own partitions. Forwarding to the other instances (by {@code application.server} and
 * {@link KafkaStreams#queryMetadataForKey}) is not built.
 */
final class MetricsQueries implements RunMetricsSource {

    private static final Comparator<MetricsGroup> GROUP_ORDER = Comparator
            .comparing(MetricsGroup::corruptionKind)
            .thenComparingDouble(MetricsGroup::corruptionLevel);

    private final KafkaStreams streams;
    private final TopologySettings settings;
    private final WindowMetricsFactory metricsFactory;
    private final LongSupplier clock;

    MetricsQueries(KafkaStreams streams, TopologySettings settings, LongSupplier clock) {
        this.streams = streams;
        this.settings = settings;
        this.metricsFactory = settings.metricsFactory();
        this.clock = clock;
    }

    @Override
    public List<RunSummary> runs() {
        Map<String, List<Map.Entry<MetricsGroup, MetricsAccumulator>>> byRun = new TreeMap<>();
        try (KeyValueIterator<String, MetricsAccumulator> all = cumulativeStore().all()) {
            while (all.hasNext()) {
                KeyValue<String, MetricsAccumulator> entry = all.next();
                MetricsGroup group = MetricsGroup.parse(entry.key);
                String run = MetricsGroup.runPrefix(group.experimentId(), group.runId());
                byRun.computeIfAbsent(run, key -> new ArrayList<>()).add(Map.entry(group, entry.value));
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }

        List<RunSummary> runs = new ArrayList<>();
        for (List<Map.Entry<MetricsGroup, MetricsAccumulator>> groups : byRun.values()) {
            groups.sort(Map.Entry.comparingByKey(GROUP_ORDER));
            MetricsGroup first = groups.get(0).getKey();
            long count = 0;
            long correct = 0;
            long unscored = 0;
            List<String> corruptions = new ArrayList<>();
            for (Map.Entry<MetricsGroup, MetricsAccumulator> group : groups) {
                String key = group.getKey().key();
                corruptions.add(key.substring(key.lastIndexOf('/') + 1));
                count += group.getValue().count();
                correct += group.getValue().correctCount();
                unscored += group.getValue().unscoredCount();
            }
            runs.add(new RunSummary(first.experimentId(), first.runId(), corruptions, count, correct, unscored));
        }
        return runs;
    }

    @Override
    public Optional<RunReport> run(String experimentId, String runId) {
        try {
            List<GroupReport> groups = new ArrayList<>();
            for (Map.Entry<MetricsGroup, MetricsAccumulator> entry : cumulativeOfRun(experimentId, runId)) {
                groups.add(groupReport(entry.getKey(), entry.getValue()));
            }
            return groups.isEmpty() ? Optional.empty() : Optional.of(new RunReport(experimentId, runId, groups));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
    }

    /** Returns the cumulative totals of every group on this instance, for the Prometheus gauges. */
    Map<MetricsGroup, MetricsAccumulator> cumulativeTotals() {
        Map<MetricsGroup, MetricsAccumulator> totals = new TreeMap<>(
                Comparator.comparing(MetricsGroup::experimentId).thenComparing(MetricsGroup::runId)
                        .thenComparing(GROUP_ORDER));
        try (KeyValueIterator<String, MetricsAccumulator> all = cumulativeStore().all()) {
            all.forEachRemaining(entry -> totals.put(MetricsGroup.parse(entry.key), entry.value));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
        return totals;
    }

    /** Returns the number of late records of every group on this instance. */
    Map<String, Long> lateRecords() {
        Map<String, Long> late = new TreeMap<>();
        try (KeyValueIterator<String, Long> all = lateStore().all()) {
            all.forEachRemaining(entry -> late.put(entry.key, entry.value));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
        return late;
    }

    private List<Map.Entry<MetricsGroup, MetricsAccumulator>> cumulativeOfRun(String experimentId, String runId) {
        String prefix = MetricsGroup.runPrefix(experimentId, runId);
        List<Map.Entry<MetricsGroup, MetricsAccumulator>> groups = new ArrayList<>();
        try (KeyValueIterator<String, MetricsAccumulator> matching =
                cumulativeStore().prefixScan(prefix, new StringSerializer())) {
            matching.forEachRemaining(entry -> groups.add(Map.entry(MetricsGroup.parse(entry.key), entry.value)));
        }
        groups.sort(Map.Entry.comparingByKey(GROUP_ORDER));
        return groups;
    }

    private GroupReport groupReport(MetricsGroup group, MetricsAccumulator cumulative) {
        long now = clock.getAsLong();
        String key = group.key();

        CountWindow countWindow = countStore().get(key);
        WindowMetrics counted = countWindow == null ? null
                : metricsFactory.createSpanning(group, WindowType.COUNT, countWindow.totals(), now);

        // Every hopping window of the group starts between the first retrieval time minus the size and the last.
        List<WindowMetrics> hopping = new ArrayList<>();
        long size = settings.windowSize().toMillis();
        Instant earliestStart = Instant.ofEpochMilli(Math.max(0L, cumulative.firstRetrievedAtMs() - size));
        Instant latestStart = Instant.ofEpochMilli(Math.max(0L, cumulative.lastRetrievedAtMs()));
        try (WindowStoreIterator<MetricsAccumulator> windows =
                hoppingStore().backwardFetch(key, earliestStart, latestStart)) {
            windows.forEachRemaining(window -> hopping.add(metricsFactory.create(group, WindowType.HOPPING,
                    window.key, window.key + size, window.value, now)));
        }

        Long late = lateStore().get(key);
        return new GroupReport(group.corruptionKind(), group.corruptionLevel(),
                metricsFactory.createSpanning(group, WindowType.CUMULATIVE, cumulative, now), counted, hopping,
                late == null ? 0L : late);
    }

    private ReadOnlyKeyValueStore<String, MetricsAccumulator> cumulativeStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(EvaluatorTopology.CUMULATIVE_STORE,
                QueryableStoreTypes.keyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, CountWindow> countStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(EvaluatorTopology.COUNT_WINDOW_STORE,
                QueryableStoreTypes.keyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, Long> lateStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(EvaluatorTopology.LATE_RECORDS_STORE,
                QueryableStoreTypes.keyValueStore()));
    }

    private ReadOnlyWindowStore<String, MetricsAccumulator> hoppingStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(EvaluatorTopology.HOPPING_STORE,
                QueryableStoreTypes.windowStore()));
    }

    private static MetricsUnavailableException unavailable(InvalidStateStoreException e) {
        return new MetricsUnavailableException("Metrics are not available now, retry later: " + e.getMessage(), e);
    }
}
