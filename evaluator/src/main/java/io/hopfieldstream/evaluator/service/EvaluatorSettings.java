package io.hopfieldstream.evaluator.service;

import io.hopfieldstream.evaluator.topology.EvaluatorStreamsConfig;
import io.hopfieldstream.evaluator.topology.RejectionCounts;
import io.hopfieldstream.evaluator.topology.TopologySettings;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.config.KafkaProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of the evaluator service.
 *
 * @param topology topics, scoring and windows
 * @param applicationId Kafka Streams {@code application.id}: consumer group, transactional id and prefix of the
 *     internal topics
 * @param stateDir directory of the local state stores
 * @param deadLetterTopic topic rejected records go to
 * @param httpHost address the HTTP server binds to
 * @param httpPort port of the HTTP server, 0..65535, 0 for any free port
 * @param shutdownTimeout longest wait for Kafka Streams to close, at least 0
 * @param kafka Kafka Streams and client properties, passed through unchanged; {@code bootstrap.servers} is
 *     required, and {@code application.id} and {@code state.dir} are taken from their own settings
 */
public record EvaluatorSettings(
        TopologySettings topology,
        String applicationId,
        Path stateDir,
        String deadLetterTopic,
        String httpHost,
        int httpPort,
        Duration shutdownTimeout,
        KafkaProperties kafka) {

    public static final String DEFAULT_APPLICATION_ID = "hopfield-evaluator";
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 8083;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @throws IllegalArgumentException naming the setting and its allowed range when a value is out of range
     */
    public EvaluatorSettings {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(kafka, "kafka");
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("Missing application id: expected a non-blank name");
        }
        if (deadLetterTopic == null || deadLetterTopic.isBlank()) {
            throw new IllegalArgumentException("Missing dead-letter topic: expected a topic name");
        }
        if (httpHost == null || httpHost.isBlank()) {
            throw new IllegalArgumentException("Missing HTTP host: expected an address such as 127.0.0.1");
        }
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("Invalid HTTP port " + httpPort + ": expected 0..65535");
        }
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("Invalid shutdown timeout " + shutdownTimeout
                    + ": expected at least 0 s");
        }
        if (kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).filter(value -> !value.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("Missing Kafka property bootstrap.servers: expected host:port[,...]");
        }
    }

    /** Returns settings with every default and the given Kafka bootstrap servers. */
    public static EvaluatorSettings defaults(String bootstrapServers) {
        KafkaProperties kafka = KafkaProperties.builder()
                .defaultValue(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
                .build();
        return new EvaluatorSettings(TopologySettings.defaults(), DEFAULT_APPLICATION_ID, defaultStateDir(),
                Topics.IMAGES_DEAD_LETTER, DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT, DEFAULT_SHUTDOWN_TIMEOUT, kafka);
    }

    /** Returns {@code <java.io.tmpdir>/hopfield-evaluator}. */
    public static Path defaultStateDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "hopfield-evaluator");
    }

    public EvaluatorSettings withTopology(TopologySettings value) {
        return new EvaluatorSettings(value, applicationId, stateDir, deadLetterTopic, httpHost, httpPort,
                shutdownTimeout, kafka);
    }

    public EvaluatorSettings withApplicationId(String value) {
        return new EvaluatorSettings(topology, value, stateDir, deadLetterTopic, httpHost, httpPort,
                shutdownTimeout, kafka);
    }

    public EvaluatorSettings withStateDir(Path value) {
        return new EvaluatorSettings(topology, applicationId, value, deadLetterTopic, httpHost, httpPort,
                shutdownTimeout, kafka);
    }

    public EvaluatorSettings withDeadLetterTopic(String value) {
        return new EvaluatorSettings(topology, applicationId, stateDir, value, httpHost, httpPort,
                shutdownTimeout, kafka);
    }

    public EvaluatorSettings withHttp(String host, int port) {
        return new EvaluatorSettings(topology, applicationId, stateDir, deadLetterTopic, host, port,
                shutdownTimeout, kafka);
    }

    public EvaluatorSettings withShutdownTimeout(Duration value) {
        return new EvaluatorSettings(topology, applicationId, stateDir, deadLetterTopic, httpHost, httpPort, value,
                kafka);
    }

    public EvaluatorSettings withKafka(KafkaProperties value) {
        return new EvaluatorSettings(topology, applicationId, stateDir, deadLetterTopic, httpHost, httpPort,
                shutdownTimeout, value);
    }

    /**
     * Returns the Kafka Streams properties: the evaluator's defaults (exactly-once, dead-letter handlers), then
     * the Kafka properties, which override them, then {@code application.id} and {@code state.dir}.
     *
     * @param rejections counts the error handlers add to
     */
    public Properties streamsProperties(RejectionCounts rejections) {
        Properties properties = new Properties();
        properties.putAll(EvaluatorStreamsConfig.defaults(deadLetterTopic));
        properties.putAll(kafka.asMap());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(RejectionCounts.CONFIG, rejections);
        return properties;
    }

    /** Returns the settings as text for the start-up log, with secret Kafka properties hidden. */
    public String describe() {
        Map<String, String> redacted = kafka.redacted();
        return "application.id=" + applicationId
                + ", state.dir=" + stateDir
                + ", reconstructions=" + topology.reconstructionsTopic()
                + ", patterns=" + topology.patternsTopic()
                + ", metrics=" + topology.metricsTopic()
                + ", dead letters=" + deadLetterTopic
                + ", similarity=" + topology.similarity().id()
                + ", threshold=" + topology.threshold()
                + ", window size=" + topology.windowSize().toMillis() + " ms"
                + ", advance=" + topology.windowAdvance().toMillis() + " ms"
                + ", grace=" + topology.windowGrace().toMillis() + " ms"
                + ", count window K=" + topology.countWindowSize()
                + ", http=" + httpHost + ":" + httpPort
                + ", shutdown timeout=" + shutdownTimeout.toMillis() + " ms"
                + ", kafka=" + redacted;
    }
}
