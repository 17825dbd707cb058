package io.hopfieldstream.launcher.commands;

import io.hopfieldstream.evaluator.scoring.Scorer;
import io.hopfieldstream.evaluator.scoring.SimilarityMeasure;
import io.hopfieldstream.evaluator.service.EvaluatorService;
import io.hopfieldstream.evaluator.service.EvaluatorSettings;
import io.hopfieldstream.evaluator.topology.TopologySettings;
import io.hopfieldstream.evaluator.windows.CountWindow;
import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.launcher.KafkaOptions;
import io.hopfieldstream.launcher.options.Converters;
import io.hopfieldstream.launcher.options.TopicOptions;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.config.KafkaProperties;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hopfield evaluate}: runs the evaluator, which scores every reconstruction against its stored original and
 * publishes rolling, windowed and cumulative metrics, until SIGTERM or SIGINT.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
                "Score reconstructions from images.reconstructed against the stored originals in memory.patterns and "
                        + "publish accuracy, similarity loss, exact-match rate, PSNR and latency percentiles per "
                        + "experiment, run and corruption to metrics.rolling: in hopping time windows, over the last "
                        + "K reconstructions, and cumulative per run.",
                "Serves the metrics over HTTP (/metrics/runs, /metrics/runs/{experiment}/{run}), health "
                        + "(/health/live, /health/ready) and /prometheus. Any Kafka Streams property passes through "
                        + "with -X, for example -X num.stream.threads=2. Stops cleanly on SIGTERM."
        })
public final class EvaluateCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(EvaluateCommand.class);

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicOptions topics;

    @Option(names = "--threshold", paramLabel = "SIMILARITY", defaultValue = "" + Scorer.DEFAULT_THRESHOLD,
            description = "Similarity at or above which a reconstruction counts as correct, -1..1 "
                    + "(default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--similarity", paramLabel = "MEASURE", defaultValue = "pearson",
            converter = SimilarityConverter.class,
            description = "Similarity to the original: pearson (cosine of the mean-centred pixels) or cosine "
                    + "(of the raw pixels) (default: ${DEFAULT-VALUE}).")
    SimilarityMeasure similarity;

    @Option(names = "--window-size", paramLabel = "DURATION", defaultValue = "60s",
            converter = Converters.DurationConverter.class,
            description = "Length of a hopping window in retrieval time, for example 30s or 5m "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration windowSize;

    @Option(names = "--window-advance", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "Time between the starts of two hopping windows, at most the size (default: ${DEFAULT-VALUE}).")
    Duration windowAdvance;

    @Option(names = "--window-grace", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.DurationConverter.class,
            description = "How long after its end a hopping window still takes late records; later ones are counted "
                    + "and logged as late (default: ${DEFAULT-VALUE}).")
    Duration windowGrace;

    @Option(names = "--count-window", paramLabel = "K", defaultValue = "" + TopologySettings.DEFAULT_COUNT_WINDOW_SIZE,
            description = "Reconstructions in the rolling count window, 1..100000 (default: ${DEFAULT-VALUE}).")
    int countWindow;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = EvaluatorSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application.id: the consumer group and the prefix of the internal topics; "
                    + "instances with the same id share the work (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Directory of the local state stores (default: <java.io.tmpdir>/hopfield-evaluator).")
    Path stateDir;

    @Option(names = "--http-host", paramLabel = "ADDRESS", defaultValue = EvaluatorSettings.DEFAULT_HTTP_HOST,
            description = "Address the HTTP server binds to; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "" + EvaluatorSettings.DEFAULT_HTTP_PORT,
            description = "Port of the HTTP server, 0..65535, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--shutdown-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.DurationConverter.class,
            description = "Maximum time to wait for Kafka Streams to close on shutdown (default: ${DEFAULT-VALUE}).")
    Duration shutdownTimeout;

    @Option(names = "--reconstructions-topic", paramLabel = "TOPIC", defaultValue = Topics.IMAGES_RECONSTRUCTED,
            description = "Topic of the reconstructions to score (default: ${DEFAULT-VALUE}).")
    String reconstructionsTopic;

    @Option(names = "--patterns-topic", paramLabel = "TOPIC", defaultValue = Topics.MEMORY_PATTERNS,
            description = "Compacted topic of the stored patterns (default: ${DEFAULT-VALUE}).")
    String patternsTopic;

    @Option(names = "--metrics-topic", paramLabel = "TOPIC", defaultValue = Topics.METRICS_ROLLING,
            description = "Topic the metrics are written to (default: ${DEFAULT-VALUE}).")
    String metricsTopic;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC", defaultValue = Topics.IMAGES_DEAD_LETTER,
            description = "Topic rejected records are written to, with the reason in their headers "
                    + "(default: ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Override
    public Integer call() throws InterruptedException {
        KafkaProperties kafkaProperties = kafka.resolve(Map.of());
        EvaluatorSettings settings = settings(kafkaProperties);
        topics.ensureTopics(kafkaProperties.asMap());
        if (!topics.createsTopics()) {
            // Kafka Streams keeps retrying an unreachable broker instead of failing, so the command checks first.
            TopicOptions.requireReachable(kafkaProperties.asMap());
        }

        EvaluatorService evaluator;
        try {
            evaluator = EvaluatorService.start(settings);
        } catch (IOException e) {
            throw new InvalidSettingException("Failed to bind the HTTP server to " + httpHost + ":" + httpPort + ": "
                    + e.getMessage() + ". Choose another --http-port or --http-host", e);
        }

        Thread stopOnSignal = new Thread(evaluator::close, "evaluator-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        KafkaStreams.State finalState;
        try {
            evaluator.awaitTermination();
        } finally {
            finalState = evaluator.state();
            evaluator.close();
            removeHook(stopOnSignal);
        }

        if (finalState == KafkaStreams.State.ERROR) {
            log.error("Evaluator stopped after an error; see the log above");
            return CommandLine.ExitCode.SOFTWARE;
        }
        return CommandLine.ExitCode.OK;
    }

    /**
     * Checks the options and returns the evaluator settings.
     *
     * @throws InvalidSettingException naming the option and its allowed range
     */
    EvaluatorSettings settings(KafkaProperties kafkaProperties) {
        validateOptions();
        try {
            TopologySettings topology = new TopologySettings(reconstructionsTopic, patternsTopic, metricsTopic,
                    similarity, threshold, windowSize, windowAdvance, windowGrace, countWindow);
            return new EvaluatorSettings(topology, applicationId,
                    stateDir != null ? stateDir : EvaluatorSettings.defaultStateDir(), deadLetterTopic, httpHost,
                    httpPort, shutdownTimeout, kafkaProperties);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
    }

    private void validateOptions() {
        if (!(threshold >= -1.0 && threshold <= 1.0)) {
            throw new InvalidSettingException("Invalid --threshold " + threshold + ": expected -1..1");
        }
        if (windowSize.toMillis() <= 0) {
            throw new InvalidSettingException("Invalid --window-size " + windowSize + ": expected at least 1 ms");
        }
        if (windowAdvance.toMillis() <= 0 || windowAdvance.compareTo(windowSize) > 0) {
            throw new InvalidSettingException("Invalid --window-advance " + windowAdvance
                    + ": expected 1 ms up to the window size " + windowSize);
        }
        if (windowGrace.isNegative()) {
            throw new InvalidSettingException("Invalid --window-grace " + windowGrace + ": expected at least 0 s");
        }
        if (countWindow < 1 || countWindow > CountWindow.MAX_SIZE) {
            throw new InvalidSettingException("Invalid --count-window " + countWindow + ": expected 1.."
                    + CountWindow.MAX_SIZE);
        }
        if (httpPort < 0 || httpPort > 65_535) {
            throw new InvalidSettingException("Invalid --http-port " + httpPort + ": expected 0..65535");
        }
        if (shutdownTimeout.isNegative()) {
            throw new InvalidSettingException("Invalid --shutdown-timeout " + shutdownTimeout
                    + ": expected at least 0 s");
        }
        if (applicationId.isBlank()) {
            throw new InvalidSettingException("Invalid --application-id '': expected a non-blank name");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }

    /** Parses "pearson" or "cosine". */
    static final class SimilarityConverter implements CommandLine.ITypeConverter<SimilarityMeasure> {
        @Override
        public SimilarityMeasure convert(String value) {
            try {
                return SimilarityMeasure.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
