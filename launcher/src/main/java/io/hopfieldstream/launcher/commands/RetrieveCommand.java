package io.hopfieldstream.launcher.commands;

import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.launcher.KafkaOptions;
import io.hopfieldstream.launcher.options.Converters;
import io.hopfieldstream.launcher.options.TopicOptions;
import io.hopfieldstream.producer.publish.TopicSetupException;
import io.hopfieldstream.retriever.cuda.BackendChoice;
import io.hopfieldstream.retriever.cuda.BackendSelection;
import io.hopfieldstream.retriever.cuda.BackendSelector;
import io.hopfieldstream.retriever.cuda.BackendUnavailableException;
import io.hopfieldstream.retriever.cuda.CudaBackend;
import io.hopfieldstream.retriever.cuda.CudaSettings;
import io.hopfieldstream.retriever.memory.MemoryLoadException;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.retrieval.Normalization;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import io.hopfieldstream.retriever.service.InvalidRetrieverSettingException;
import io.hopfieldstream.retriever.service.RetrievalBackendFactory;
import io.hopfieldstream.retriever.service.RetrieverHttpServer;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.retriever.service.RetrieverSettings;
import io.hopfieldstream.retriever.service.RetrieverTopics;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.config.KafkaProperties;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hopfield retrieve}: runs the retrieval service until SIGTERM or SIGINT. Settings out of
 * range, an unreachable cluster and a missing memory topic end the command with exit code 2 and
 * one message. A failure while serving ends it with exit code 1.
 */
@Command(
        name = "retrieve",
        mixinStandardHelpOptions = true,
        description = {
                "Retrieve every probe of images.corrupted from the memory in memory.patterns with the Modern Hopfield "
                        + "update xi_new = X^T softmax(beta X xi), in batches, and write one reconstruction per probe "
                        + "to images.reconstructed, exactly once for read_committed readers.",
                "Instances with the same --group-id share the probe partitions; give each its own --instance-id. "
                        + "Bad probes go to images.dead-letter with the reason in their headers. Kafka client "
                        + "properties pass through with --kafka-config, -X and KAFKA_* variables. Stops cleanly on "
                        + "SIGTERM."
        })
public final class RetrieveCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RetrieveCommand.class);

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicOptions topicCreation;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "" + RetrieverSettings.DEFAULT_BATCH_SIZE,
            description = "Maximum number of probes retrieved together, 1..65536 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-wait-ms", paramLabel = "MS", defaultValue = "50",
            description = "Maximum wait in milliseconds for a partial batch to fill after its first probe arrived, "
                    + "0..60000 (default: ${DEFAULT-VALUE}).")
    long maxWaitMs;

    @Option(names = "--beta", paramLabel = "BETA", defaultValue = "" + RetrievalSettings.DEFAULT_BETA,
            description = "Inverse temperature of the softmax, greater than 0 and at most 1e6 "
                    + "(default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + RetrievalSettings.DEFAULT_MAX_ITERATIONS,
            description = "Maximum number of update steps per probe, 1..1000 (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "" + RetrievalSettings.DEFAULT_TOLERANCE,
            description = "Stop iterating once no attention weight changes by more than this between two steps, "
                    + "at least 0 (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--normalization", paramLabel = "MODE", defaultValue = "center-unit",
            converter = NormalizationConverter.class,
            description = "Preparation of patterns and probes after pixel / 255: none, center, unit or center-unit "
                    + "(default: ${DEFAULT-VALUE}).")
    Normalization normalization;

    @Option(names = "--mask-aware", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Score a probe that carries a known-pixel mask on its known pixels only; --no-mask-aware "
                    + "treats missing pixels as their fill value (default: on).")
    boolean maskAware;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "" + RetrievalSettings.DEFAULT_CHUNK_SIZE,
            description = "Most stored patterns per chunk of the streaming softmax, at least 1; working memory grows "
                    + "with batch size x chunk size (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "cpu", converter = BackendConverter.class,
            description = "Retrieval backend: cpu (ND4J), nd4j-cuda (ND4J on CUDA 11.6, build with -P cuda), cuda "
                    + "(JavaCPP CUDA, for Hopper and newer) or auto (default: ${DEFAULT-VALUE}).")
    BackendChoice backend;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run id put on every reconstruction (default: derived from beta, iterations, tolerance, "
                    + "normalization, mask-aware and the memory's content, so a restart continues the same run).")
    String runId;

    @Option(names = "--group-id", paramLabel = "ID",
            description = "Consumer group of the probe topic (default: " + RetrieverSettings.DEFAULT_GROUP_ID
                    + "; for a replay, a fresh group named after the experiment and the start time).")
    String groupId;

    @Option(names = "--instance-id", paramLabel = "ID",
            description = "Name of this instance in the group, stable across its restarts; part of the default "
                    + "transactional id (default: the host name).")
    String instanceId;

    @Option(names = "--transactional-id", paramLabel = "ID",
            description = "Producer transactional id; must differ between live instances and stay the same across "
                    + "restarts of one (default: GROUP-INSTANCE).")
    String transactionalId;

    @Option(names = "--replay-experiment", paramLabel = "EXPERIMENT",
            description = "Replay the probes recorded for this experiment under a fresh consumer group and a new run "
                    + "id; probes of other experiments are skipped.")
    String replayExperiment;

    @Option(names = "--replay-from", paramLabel = "TIME",
            description = "With --replay-experiment: start at the probes written at or after this time, an ISO-8601 "
                    + "instant (2026-12-04T10:15:30Z) or milliseconds since the Unix epoch (default: the oldest).")
    String replayFrom;

    @Option(names = "--memory-load-timeout", paramLabel = "DURATION", defaultValue = "2m",
            converter = Converters.DurationConverter.class,
            description = "Maximum wait at start for the memory topic to exist and be read to its end "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration memoryLoadTimeout;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "Time between two progress lines in the log (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Option(names = "--shutdown-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.DurationConverter.class,
            description = "Maximum time a clean stop may take. A batch still computing after it stays uncommitted "
                    + "for the next owner (default: ${DEFAULT-VALUE}).")
    Duration shutdownTimeout;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Serve /health/live, /health/ready and /prometheus on this port, 0..65535, 0 for any free "
                    + "port (default: no HTTP server).")
    Integer httpPort;

    @Option(names = "--http-host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the HTTP server binds to; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--memory-topic", paramLabel = "TOPIC", defaultValue = Topics.MEMORY_PATTERNS,
            description = "Compacted topic of the stored patterns (default: ${DEFAULT-VALUE}).")
    String memoryTopic;

    @Option(names = "--probe-topic", paramLabel = "TOPIC", defaultValue = Topics.IMAGES_CORRUPTED,
            description = "Topic of the probes (default: ${DEFAULT-VALUE}).")
    String probeTopic;

    @Option(names = "--reconstructions-topic", paramLabel = "TOPIC", defaultValue = Topics.IMAGES_RECONSTRUCTED,
            description = "Topic the reconstructions are written to (default: ${DEFAULT-VALUE}).")
    String reconstructionsTopic;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC", defaultValue = Topics.IMAGES_DEAD_LETTER,
            description = "Topic rejected records are written to, with the reason in their headers "
                    + "(default: ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Override
    public Integer call() throws InterruptedException {
        KafkaProperties kafkaProperties = kafka.resolve(Map.of());
        RetrieverSettings settings = settings();
        if (httpPort != null && (httpPort < 0 || httpPort > 65_535)) {
            throw new InvalidSettingException("Invalid --http-port " + httpPort + ": expected 0..65535");
        }
        RetrievalBackendFactory backendFactory = backendFactory();
        log.info("Kafka client properties: {}", kafkaProperties);
        try {
            topicCreation.ensureTopics(kafkaProperties.asMap());
        } catch (TopicSetupException e) {
            throw new InvalidSettingException(e.getMessage() + ". Check --bootstrap-servers (now "
                    + kafkaProperties.get("bootstrap.servers").orElse("unset") + ") and the security settings, or pass "
                    + "--no-create-topics", e);
        }

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RetrieverService service;
        try {
            service = new RetrieverService(settings, kafkaProperties.asMap(), backendFactory, registry);
        } catch (InvalidRetrieverSettingException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }

        Thread stopOnSignal = new Thread(service::close, "retriever-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try (RetrieverHttpServer http = startHttp(service, registry)) {
            start(service, kafkaProperties);
            service.awaitTermination(Duration.ofDays(365_000));
        } finally {
            service.close();
            removeHook(stopOnSignal);
        }

        if (service.state() == RetrieverService.State.FAILED) {
            log.error("The retriever stopped after a failure; see the log above");
            return CommandLine.ExitCode.SOFTWARE;
        }
        return CommandLine.ExitCode.OK;
    }

    /**
     * Checks the options and returns the service settings.
     *
     * @throws InvalidSettingException naming the option and its allowed range
     */
    RetrieverSettings settings() {
        if (replayFrom != null && replayExperiment == null) {
            throw new InvalidSettingException("--replay-from needs --replay-experiment: a replay reads the probes of "
                    + "one experiment");
        }
        try {
            RetrievalSettings retrieval = new RetrievalSettings(beta, iterations, tolerance, normalization, maskAware,
                    chunkSize);
            RetrieverSettings.Replay replay = replayExperiment == null
                    ? null
                    : new RetrieverSettings.Replay(replayExperiment, replayFrom == null ? null : parseInstant(replayFrom));
            return RetrieverSettings.builder()
                    .retrieval(retrieval)
                    .topics(new RetrieverTopics(memoryTopic, probeTopic, reconstructionsTopic, deadLetterTopic))
                    .batchSize(batchSize)
                    .maxBatchWait(Duration.ofMillis(maxWaitMs))
                    .groupId(groupId)
                    .instanceId(instanceId)
                    .transactionalId(transactionalId)
                    .runId(runId)
                    .replay(replay)
                    .memoryLoadTimeout(memoryLoadTimeout)
                    .progressInterval(progressInterval)
                    .shutdownTimeout(shutdownTimeout)
                    .build();
        } catch (InvalidRetrieverSettingException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
    }

    private RetrievalBackendFactory backendFactory() {
        if (backend == BackendChoice.CPU) {
            return Nd4jCpuBackend::new;
        }
        BackendSelection selection;
        try {
            selection = BackendSelector.forThisMachine().select(backend);
        } catch (BackendUnavailableException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
        return switch (selection.kind()) {
            case CPU, ND4J_CUDA -> Nd4jCpuBackend::new;
            case CUDA -> retrieval -> new CudaBackend(retrieval, CudaSettings.defaults());
        };
    }

    private void start(RetrieverService service, KafkaProperties kafkaProperties) throws InterruptedException {
        try {
            service.start();
        } catch (MemoryLoadException e) {
            if (e.clusterUnreachable()) {
                throw new InvalidSettingException(e.getMessage() + ". Check --bootstrap-servers (now "
                        + kafkaProperties.get("bootstrap.servers").orElse("unset") + ") and the security settings", e);
            }
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                throw new InvalidSettingException(e.getMessage() + " (--memory-topic " + memoryTopic + ")", e);
            }
            throw e;
        } catch (InvalidRetrieverSettingException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
    }

    private RetrieverHttpServer startHttp(RetrieverService service, PrometheusMeterRegistry registry) {
        if (httpPort == null) {
            return null;
        }
        try {
            RetrieverHttpServer server = RetrieverHttpServer.start(httpHost, httpPort, service, registry::scrape);
            log.info("Serving health and metrics at http://{}:{}/", httpHost, server.port());
            return server;
        } catch (IOException e) {
            throw new InvalidSettingException("Failed to bind the HTTP server to " + httpHost + ":" + httpPort + ": "
                    + e.getMessage() + ". Choose another --http-port or --http-host", e);
        }
    }

    /** Parses an ISO-8601 instant or milliseconds since the Unix epoch. */
    static Instant parseInstant(String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.matches("\\d+")) {
                return Instant.ofEpochMilli(Long.parseLong(trimmed));
            }
            return Instant.parse(trimmed);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidSettingException("Invalid --replay-from '" + text + "': expected an ISO-8601 instant such "
                    + "as 2026-12-04T10:15:30Z or milliseconds since the Unix epoch", e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }

    /** Parses none, center, unit or center-unit, ignoring case. */
    static final class NormalizationConverter implements CommandLine.ITypeConverter<Normalization> {
        @Override
        public Normalization convert(String value) {
            String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return Normalization.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a normalization: expected none, center, unit or center-unit");
            }
        }
    }

    /** Parses auto, cpu, nd4j-cuda or cuda. */
    static final class BackendConverter implements CommandLine.ITypeConverter<BackendChoice> {
        @Override
        public BackendChoice convert(String value) {
            try {
                return BackendChoice.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
