package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.evaluator.scoring.RejectedReconstructionException;
import io.hopfieldstream.evaluator.scoring.RejectionReason;
import io.hopfieldstream.evaluator.scoring.ScoredReconstruction;
import io.hopfieldstream.evaluator.scoring.Scorer;
import io.hopfieldstream.evaluator.windows.CountWindow;
import io.hopfieldstream.evaluator.windows.MetricsAccumulator;
import io.hopfieldstream.evaluator.windows.MetricsGroup;
import io.hopfieldstream.evaluator.windows.WindowMetricsFactory;
import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.serde.RecordSerdes;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Builds the evaluator's Kafka Streams topology.
 *
 * <pre>
 * memory.patterns ───────────────▶ global table {@value #MEMORY_STORE}
 *                                          │ (join on truthPatternId)
 * images.reconstructed ─▶ require value ─▶ check values ─▶ join original ─▶ score ─▶ key by group ─▶ repartition
 *     ├─▶ late-record check ─▶ hopping windows {@value #HOPPING_STORE} ─┐
 *     ├─▶ last K reconstructions {@value #COUNT_WINDOW_STORE} ────────────┼─▶ metrics.rolling
 *     └─▶ cumulative totals {@value #CUMULATIVE_STORE} ─────────────────┘
 * </pre>
 *
 * <p>Groups are experiment, run and corruption kind and level (see {@link MetricsGroup}). Every update of a
 * window is emitted, after the record cache flushes on commit, and no window waits to close. So the last window
 * of a run that stopped has its final numbers on the topic without any later record. A reconstruction with
 * impossible values (see {@link io.hopfieldstream.evaluator.scoring.ReconstructionChecks}) or one that cannot
 * be scored raises {@link RejectedReconstructionException}, which the configured processing exception handler
 * sends to the dead-letter topic.
 */
public final class EvaluatorTopology {

    /** Global store of the stored patterns, keyed by patternId. */
    public static final String MEMORY_STORE = "memory-patterns";

    /** Window store of the hopping-window totals, keyed by group. */
    public static final String HOPPING_STORE = "hopping-metrics";

    /** Key-value store of the last K reconstructions, keyed by group. */
    public static final String COUNT_WINDOW_STORE = "count-window-metrics";

    /** Key-value store of the cumulative totals, keyed by group. */
    public static final String CUMULATIVE_STORE = "cumulative-metrics";

    /** Key-value store of the number of late records, keyed by group. */
    public static final String LATE_RECORDS_STORE = "late-records";

    /** Name of the repartition topic suffix that regroups scores by experiment, run and corruption. */
    public static final String REPARTITION_NAME = "scored-by-group";

    private EvaluatorTopology() {
    }

    /** Builds the topology for the given settings. */
    public static Topology build(TopologySettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<String> keys = Serdes.String();
        Serde<ScoredReconstruction> scoredSerde = InternalSerdes.scoredReconstruction();
        Serde<MetricsAccumulator> accumulatorSerde = InternalSerdes.metricsAccumulator();
        Scorer scorer = settings.scorer();
        WindowMetricsFactory metricsFactory = settings.metricsFactory();

        GlobalKTable<String, MemoryPattern> memory = builder.globalTable(settings.patternsTopic(),
                Consumed.with(keys, RecordSerdes.memoryPattern()).withName("memory-patterns-source"),
                Materialized.<String, MemoryPattern, KeyValueStore<Bytes, byte[]>>as(MEMORY_STORE)
                        .withKeySerde(keys)
                        .withValueSerde(RecordSerdes.memoryPattern()));

        KStream<String, ScoredReconstruction> scored = builder
                .stream(settings.reconstructionsTopic(),
                        Consumed.with(keys, RecordSerdes.reconstruction())
                                .withTimestampExtractor(new RetrievalTimeExtractor())
                                .withName("reconstructions-source"))
                .mapValues(EvaluatorTopology::requireValue, Named.as("require-value"))
                .processValues(() -> new ReconstructionCheckProcessor(MEMORY_STORE), Named.as("check-values"))
                // NOTE: the global table is read to its end before processing starts, but a pattern published
                // later races with reconstructions of it. One that loses is dead-lettered as an unknown truth.
                .leftJoin(memory, (probeId, reconstruction) -> reconstruction.getTruthPatternId(),
                        ScoringInput::new, Named.as("join-original"))
                .mapValues(input -> scorer.score(input.reconstruction(), input.original()), Named.as("score"));

        KStream<String, ScoredReconstruction> byGroup = scored
                .selectKey((probeId, score) -> MetricsGroup.of(score).key(), Named.as("key-by-group"))
                .repartition(Repartitioned.with(keys, scoredSerde).withName(REPARTITION_NAME));

        KStream<String, WindowMetrics> hopping = hoppingWindows(builder, byGroup, settings, accumulatorSerde,
                metricsFactory);
        KStream<String, WindowMetrics> counted = countWindows(builder, byGroup, settings, metricsFactory);
        KStream<String, WindowMetrics> cumulative = cumulativeTotals(byGroup, accumulatorSerde, metricsFactory);

        hopping.merge(counted, Named.as("merge-count"))
                .merge(cumulative, Named.as("merge-cumulative"))
                .to(settings.metricsTopic(),
                        Produced.with(keys, RecordSerdes.windowMetrics()).withName("metrics-sink"));
        return builder.build();
    }

    private static KStream<String, WindowMetrics> hoppingWindows(StreamsBuilder builder,
            KStream<String, ScoredReconstruction> byGroup, TopologySettings settings,
            Serde<MetricsAccumulator> accumulatorSerde, WindowMetricsFactory metricsFactory) {
        TimeWindows windows = settings.hoppingWindows();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LATE_RECORDS_STORE),
                Serdes.String(), Serdes.Long()));

        return byGroup
                .processValues(() -> new LateRecordProcessor(windows), Named.as("late-record-check"),
                        LATE_RECORDS_STORE)
                .groupByKey(Grouped.with("hopping-group", Serdes.String(), InternalSerdes.scoredReconstruction()))
                .windowedBy(windows)
                .aggregate(MetricsAccumulator::new, (group, score, totals) -> totals.add(score.sample()),
                        Named.as("hopping-aggregate"),
                        Materialized.<String, MetricsAccumulator, WindowStore<Bytes, byte[]>>as(HOPPING_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(accumulatorSerde))
                .toStream(Named.as("hopping-updates"))
                .process(() -> new MetricsEmitter.Hopping(metricsFactory), Named.as("hopping-metrics"));
    }

    private static KStream<String, WindowMetrics> countWindows(StreamsBuilder builder,
            KStream<String, ScoredReconstruction> byGroup, TopologySettings settings,
            WindowMetricsFactory metricsFactory) {
        StoreBuilder<KeyValueStore<String, CountWindow>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(COUNT_WINDOW_STORE), Serdes.String(), InternalSerdes.countWindow());
        builder.addStateStore(store);

        int size = settings.countWindowSize();
        return byGroup.process(() -> new CountWindowProcessor(size, metricsFactory), Named.as("count-window"),
                COUNT_WINDOW_STORE);
    }

    private static KStream<String, WindowMetrics> cumulativeTotals(KStream<String, ScoredReconstruction> byGroup,
            Serde<MetricsAccumulator> accumulatorSerde, WindowMetricsFactory metricsFactory) {
        return byGroup
                .groupByKey(Grouped.with("cumulative-group", Serdes.String(), InternalSerdes.scoredReconstruction()))
                .aggregate(MetricsAccumulator::new, (group, score, totals) -> totals.add(score.sample()),
                        Named.as("cumulative-aggregate"),
                        Materialized.<String, MetricsAccumulator, KeyValueStore<Bytes, byte[]>>as(CUMULATIVE_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(accumulatorSerde))
                .toStream(Named.as("cumulative-updates"))
                .process(() -> new MetricsEmitter.Cumulative(metricsFactory), Named.as("cumulative-metrics"));
    }

    private static Reconstruction requireValue(Reconstruction reconstruction) {
        if (reconstruction == null) {
            throw new RejectedReconstructionException(RejectionReason.MISSING_VALUE,
                    "Reconstruction record has no value");
        }
        return reconstruction;
    }

    /** A reconstruction with its stored original, or with null when it has no truth or the truth is unknown. */
    private record ScoringInput(Reconstruction reconstruction, MemoryPattern original) {
    }
}
