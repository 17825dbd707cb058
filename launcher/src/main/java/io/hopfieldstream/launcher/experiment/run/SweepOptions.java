package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.launcher.experiment.run.RetrieverHost.RetrieverOptions;
import io.hopfieldstream.launcher.experiment.stats.CorrelationStatistics;
import io.hopfieldstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The run settings of a sweep or replay, as opposed to what it measures.
 *
 * @param kafkaProperties Kafka client properties of every client (security settings pass through)
 * @param externalBootstrapServers the cluster to use, or empty to start the embedded broker
 * @param kafkaDirectory log directory of the embedded broker, kept after the run for replays
 * @param externalServices whether a retriever and an evaluator already run against the cluster; when false,
 *     both run in this JVM
 * @param memoryTopic the compacted memory topic whose bank the sweep replaces for each point
 * @param partitions partitions of the probe and reconstruction topics when they are created
 * @param pointTimeout maximum wait for a point's probes to be reconstructed and evaluated
 * @param samplesPerPoint probes per point kept for the sample grid
 * @param statisticsExactLimit largest memory whose correlation statistics use every pattern
 * @param statisticsSampleRows patterns sampled for the statistics of a larger memory
 * @param batchSize most probes per retrieval batch of the in-process retriever
 */
public record SweepOptions(
        Map<String, Object> kafkaProperties,
        Optional<String> externalBootstrapServers,
        Path kafkaDirectory,
        boolean externalServices,
        String memoryTopic,
        int partitions,
        Duration pointTimeout,
        int samplesPerPoint,
        int statisticsExactLimit,
        int statisticsSampleRows,
        int batchSize) {

    /** Default maximum wait for one point. */
    public static final Duration DEFAULT_POINT_TIMEOUT = Duration.ofMinutes(5);

    /** Default probes kept per point for the sample grid. */
    public static final int DEFAULT_SAMPLES_PER_POINT = 3;

    /** Default partitions of the probe and reconstruction topics when the sweep creates them. */
    public static final int DEFAULT_PARTITIONS = Topics.DEFAULT_PARTITIONS;

    public SweepOptions {
        kafkaProperties = Map.copyOf(kafkaProperties);
        Objects.requireNonNull(externalBootstrapServers, "externalBootstrapServers");
        Objects.requireNonNull(kafkaDirectory, "kafkaDirectory");
        Objects.requireNonNull(memoryTopic, "memoryTopic");
        Objects.requireNonNull(pointTimeout, "pointTimeout");
        if (externalServices && externalBootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("External services need an external cluster: set --bootstrap-servers");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("Invalid partitions " + partitions + ": expected at least 1");
        }
        if (pointTimeout.toMillis() < 1_000) {
            throw new IllegalArgumentException("Invalid point timeout " + pointTimeout + ": expected at least 1 s");
        }
        if (samplesPerPoint < 0) {
            throw new IllegalArgumentException("Invalid samples per point " + samplesPerPoint + ": expected at least 0");
        }
        new CorrelationStatistics(statisticsExactLimit, statisticsSampleRows);
        if (batchSize < 1) {
            throw new IllegalArgumentException("Invalid batch size " + batchSize + ": expected at least 1");
        }
    }

    /** Returns options for the embedded broker on {@code kafkaDirectory} with every other value at its default. */
    public static SweepOptions embedded(Path kafkaDirectory) {
        return new SweepOptions(Map.of(), Optional.empty(), kafkaDirectory, false, Topics.MEMORY_PATTERNS,
                DEFAULT_PARTITIONS, DEFAULT_POINT_TIMEOUT, DEFAULT_SAMPLES_PER_POINT,
                CorrelationStatistics.DEFAULT_EXACT_LIMIT, CorrelationStatistics.DEFAULT_SAMPLE_ROWS,
                RetrieverOptions.defaults().batchSize());
    }

    /** Returns the topics of the run. */
    public TopicNames topics() {
        return TopicNames.withMemoryTopic(memoryTopic);
    }

    /** Returns the statistics calculator these options describe. */
    public CorrelationStatistics statistics() {
        return new CorrelationStatistics(statisticsExactLimit, statisticsSampleRows);
    }

    /** Returns the settings of the in-process retrievers. */
    RetrieverOptions retrieverOptions() {
        RetrieverOptions defaults = RetrieverOptions.defaults();
        return new RetrieverOptions(batchSize, defaults.maxBatchWait(), defaults.memoryLoadTimeout(),
                defaults.shutdownTimeout());
    }

    public SweepOptions withKafka(Map<String, Object> properties, Optional<String> external) {
        return new SweepOptions(properties, external, kafkaDirectory, externalServices, memoryTopic, partitions,
                pointTimeout, samplesPerPoint, statisticsExactLimit, statisticsSampleRows, batchSize);
    }

    public SweepOptions withExternalServices(boolean value) {
        return new SweepOptions(kafkaProperties, externalBootstrapServers, kafkaDirectory, value, memoryTopic,
                partitions, pointTimeout, samplesPerPoint, statisticsExactLimit, statisticsSampleRows, batchSize);
    }

    public SweepOptions withMemoryTopic(String value) {
        return new SweepOptions(kafkaProperties, externalBootstrapServers, kafkaDirectory, externalServices, value,
                partitions, pointTimeout, samplesPerPoint, statisticsExactLimit, statisticsSampleRows, batchSize);
    }

    public SweepOptions withPartitions(int value) {
        return new SweepOptions(kafkaProperties, externalBootstrapServers, kafkaDirectory, externalServices,
                memoryTopic, value, pointTimeout, samplesPerPoint, statisticsExactLimit, statisticsSampleRows,
                batchSize);
    }

    public SweepOptions withPointTimeout(Duration value) {
        return new SweepOptions(kafkaProperties, externalBootstrapServers, kafkaDirectory, externalServices,
                memoryTopic, partitions, value, samplesPerPoint, statisticsExactLimit, statisticsSampleRows,
                batchSize);
    }

    public SweepOptions withSamplesPerPoint(int value) {
        return new SweepOptions(kafkaProperties, externalBootstrapServers, kafkaDirectory, externalServices,
                memoryTopic, partitions, pointTimeout, value, statisticsExactLimit, statisticsSampleRows, batchSize);
    }

    public SweepOptions withStatistics(int exactLimit, int sampleRows) {
        return new SweepOptions(kafkaProperties, externalBootstrapServers, kafkaDirectory, externalServices,
                memoryTopic, partitions, pointTimeout, samplesPerPoint, exactLimit, sampleRows, batchSize);
    }

    public SweepOptions withBatchSize(int value) {
        return new SweepOptions(kafkaProperties, externalBootstrapServers, kafkaDirectory, externalServices,
                memoryTopic, partitions, pointTimeout, samplesPerPoint, statisticsExactLimit, statisticsSampleRows,
                value);
    }
}
