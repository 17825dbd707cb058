package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.broker.EmbeddedKafkaBroker;
import io.hopfieldstream.launcher.options.TopicOptions;
import io.hopfieldstream.producer.publish.TopicSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster of a sweep or replay: an external cluster, or an embedded single-node broker
 * whose log directory outlives the run, so that a later {@code hopfield replay} finds the recorded
 * probes. Creates the pipeline's topics when they are missing and keeps one admin client.
 */
public final class PipelineConnection implements AutoCloseable {

    /**
     * Segment size of the embedded broker's topics. Kafka compacts and deletes whole closed segments only,
     * so smaller segments than the default 1 GiB let retention and compaction free old sweeps' data.
     */
    static final String EMBEDDED_SEGMENT_BYTES = String.valueOf(64L * 1024 * 1024);

    private static final Logger log = LoggerFactory.getLogger(PipelineConnection.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> clientProperties;
    private final EmbeddedKafkaBroker broker;
    private final Admin admin;

    private PipelineConnection(Map<String, Object> clientProperties, EmbeddedKafkaBroker broker) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.broker = broker;
        this.admin = Admin.create(this.clientProperties);
    }

    /**
     * Connects to the external cluster when one is named, else starts the embedded broker on {@code kafkaDirectory},
     * and creates the missing topics.
     *
     * @param kafkaProperties client properties of every client (security settings pass through)
     * @param externalBootstrapServers the cluster to use, or empty for the embedded broker
     * @param kafkaDirectory log directory of the embedded broker; reused when it contains a formatted node
     * @param topics the topics to create when missing
     * @param partitions partitions of the probe and reconstruction topics when they are created
     */
    public static PipelineConnection open(Map<String, ?> kafkaProperties, Optional<String> externalBootstrapServers,
            Path kafkaDirectory, TopicNames topics, int partitions) {
        Map<String, Object> properties = new HashMap<>(kafkaProperties);
        EmbeddedKafkaBroker broker = null;
        if (externalBootstrapServers.isPresent()) {
            properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, externalBootstrapServers.get());
            requireReachable(properties);
            log.info("Using the Kafka cluster at {}", externalBootstrapServers.get());
        } else {
            broker = EmbeddedKafkaBroker.builder()
                    .logDirectory(kafkaDirectory)
                    .brokerProperty("log.segment.bytes", EMBEDDED_SEGMENT_BYTES)
                    .build();
            broker.start();
            properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            log.info("Started the embedded Kafka broker at {} with its data in {}", broker.bootstrapServers(),
                    kafkaDirectory.toAbsolutePath());
        }

        PipelineConnection connection;
        try {
            connection = new PipelineConnection(properties, broker);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
        try {
            new TopicSetup(connection.admin, Optional.empty(), ADMIN_TIMEOUT).ensureTopics(topics.specs(partitions));
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static void requireReachable(Map<String, Object> properties) {
        try {
            TopicOptions.requireReachable(properties, TopicOptions.REACHABLE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking that the Kafka cluster can be reached", e);
        }
    }

    /** Returns the client properties with the bootstrap servers of this cluster. */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    /** Returns the bootstrap servers. */
    public String bootstrapServers() {
        return String.valueOf(clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** Returns whether the cluster is the embedded broker of this process. */
    public boolean embedded() {
        return broker != null;
    }

    /** Returns the shared admin client; closed by {@link #close()}. */
    public Admin admin() {
        return admin;
    }

    /** Closes the admin client and stops the embedded broker, keeping its log directory. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
        if (broker != null) {
            broker.close();
        }
    }
}
