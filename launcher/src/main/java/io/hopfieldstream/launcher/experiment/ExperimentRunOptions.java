package io.hopfieldstream.launcher.experiment;

import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.launcher.KafkaOptions;
import io.hopfieldstream.launcher.experiment.run.SweepOptions;
import io.hopfieldstream.launcher.experiment.stats.CorrelationStatistics;
import io.hopfieldstream.launcher.options.Converters;
import io.hopfieldstream.producer.download.DataLocator;
import io.hopfieldstream.retriever.service.RetrieverSettings;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.config.KafkaProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of {@code hopfield experiment} and {@code hopfield replay} that set how they run, not what they measure. */
public final class ExperimentRunOptions {

    /** Folder of the embedded broker's data under the per-user cache folder. */
    static final String KAFKA_SUBFOLDER = "experiment-kafka";

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "experiment-results",
            description = "Folder of the CSV tables, charts, sample grids and manifest (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--kafka-dir", paramLabel = "DIR",
            description = "Data folder of the embedded Kafka broker, kept after the run so that 'hopfield replay' "
                    + "finds the recorded probes (default: ~/.cache/hopfield-stream/" + KAFKA_SUBFOLDER + ").")
    Path kafkaDirectory;

    @Option(names = "--external-services",
            description = "Use a retriever and an evaluator that already run against --bootstrap-servers instead of "
                    + "starting them in this process; every point must then share their retrieval settings and "
                    + "threshold.")
    boolean externalServices;

    @Option(names = "--memory-topic", paramLabel = "TOPIC", defaultValue = Topics.MEMORY_PATTERNS,
            description = "Compacted memory topic whose bank the sweep replaces for each point; on a shared cluster "
                    + "give the sweep a topic of its own (default: ${DEFAULT-VALUE}).")
    String memoryTopic;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + Topics.DEFAULT_PARTITIONS,
            description = "Partitions of images.corrupted and images.reconstructed when they are created "
                    + "(default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--point-timeout", paramLabel = "DURATION", defaultValue = "5m",
            converter = Converters.DurationConverter.class,
            description = "Maximum wait for one point's probes to be reconstructed and evaluated (default: "
                    + "${DEFAULT-VALUE}).")
    Duration pointTimeout;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "" + SweepOptions.DEFAULT_SAMPLES_PER_POINT,
            description = "Probes per point kept for the sample grids, 0..20 (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--stats-exact-limit", paramLabel = "N",
            defaultValue = "" + CorrelationStatistics.DEFAULT_EXACT_LIMIT,
            description = "Largest memory whose correlation statistics use every pair of images; larger memories "
                    + "use --stats-sample patterns against all (default: ${DEFAULT-VALUE}).")
    int statisticsExactLimit;

    @Option(names = "--stats-sample", paramLabel = "N", defaultValue = "" + CorrelationStatistics.DEFAULT_SAMPLE_ROWS,
            description = "Patterns sampled for the statistics of a larger memory (default: ${DEFAULT-VALUE}).")
    int statisticsSampleRows;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + RetrieverSettings.DEFAULT_BATCH_SIZE,
            description = "Most probes the in-process retriever retrieves together (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--verbose",
            description = "Show the services' own log lines on standard error.")
    boolean verbose;

    /**
     * Returns the run options, with the Kafka client properties resolved.
     *
     * @throws InvalidSettingException naming the invalid option
     */
    SweepOptions options(KafkaOptions kafka) {
        Map<String, String> environment = System.getenv();
        KafkaProperties properties = kafka.resolve(Map.of(), environment);
        Optional<String> external = kafka.explicitBootstrapServers(environment);
        if (samples < 0 || samples > 20) {
            throw new InvalidSettingException("Invalid --samples " + samples + ": expected 0..20");
        }
        if (batchSize < 1 || batchSize > RetrieverSettings.MAX_BATCH_SIZE) {
            throw new InvalidSettingException("Invalid --batch-size " + batchSize + ": expected 1.."
                    + RetrieverSettings.MAX_BATCH_SIZE);
        }
        Path folder = kafkaDirectory != null ? kafkaDirectory
                : DataLocator.defaultCacheFolder(environment, System.getProperty("user.home")).resolve(KAFKA_SUBFOLDER);
        try {
            return new SweepOptions(new HashMap<>(properties.asMap()), external, folder, externalServices, memoryTopic,
                    partitions, pointTimeout, samples, statisticsExactLimit, statisticsSampleRows, batchSize);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
    }

    /** Returns the output folder. */
    Path output() {
        return output;
    }

    /** Returns whether the services' own log lines should show. */
    boolean verbose() {
        return verbose;
    }
}
