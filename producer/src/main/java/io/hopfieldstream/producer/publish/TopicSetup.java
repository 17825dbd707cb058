package io.hopfieldstream.producer.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hopfieldstream.schemas.Topics;

/**
 * Creates the pipeline's topics when they are missing and leaves existing ones as they are.
 *
 * <p>{@link #pipelineTopics(int)} lists them: {@code memory.patterns} compacted with one partition (the memory
 * bank is read whole, and compaction keeps the latest image per patternId for ever), {@code images.corrupted}
 * and {@code images.reconstructed} with the given number of partitions (the unit of parallel retrieval), and
 * {@code metrics.rolling} and {@code images.dead-letter} with one partition. An existing memory topic whose
 * cleanup policy lacks {@code compact} is logged as a warning, because retention would then delete stored
 * patterns.
 *
 * <p>{@link #ensureTopics(List)} returns only when the leader of each partition serves requests for it. An
 * idempotent producer that writes to a partition the broker is still creating can otherwise have its first
 * batch rejected, then accepted out of order, and lose it after {@code delivery.timeout.ms} (KAFKA-15591,
 * seen with Kafka 4.4.0).
 *
 * <pre>{@code
 * try (Admin admin = Admin.create(properties)) {
 *     new TopicSetup(admin, Optional.empty(), Duration.ofSeconds(30))
 *             .ensureTopics(TopicSetup.pipelineTopics(Topics.DEFAULT_PARTITIONS));
 * }
 * }</pre>
 */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private final Admin admin;
    private final Optional<Short> replicationFactor;
    private final Duration timeout;

    /**
     * Creates the setup.
     *
     * @param admin             admin client; not closed here
     * @param replicationFactor replication factor of created topics, empty for the broker's default
     * @param timeout           maximum time for each admin request
     */
    public TopicSetup(Admin admin, Optional<Short> replicationFactor, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.replicationFactor = Objects.requireNonNull(replicationFactor, "replicationFactor");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * A topic to create when missing.
     *
     * @param name       topic name
     * @param partitions partition count, at least 1
     * @param config     topic configuration, for example {@code cleanup.policy=compact}
     */
    public record TopicSpec(String name, int partitions, Map<String, String> config) {

        /** Validates the spec. */
        public TopicSpec {
            Objects.requireNonNull(name, "name");
            if (partitions < 1) {
                throw new IllegalArgumentException("Topic " + name + " needs at least 1 partition, got " + partitions);
            }
            config = Map.copyOf(config);
        }
    }

    /**
     * Returns the pipeline's topics with their partitions and configuration.
     *
     * @param probePartitions partitions of the probe and reconstruction topics
     */
    public static List<TopicSpec> pipelineTopics(int probePartitions) {
        int small = Topics.DEFAULT_SMALL_TOPIC_PARTITIONS;
        return List.of(
                memoryTopic(Topics.MEMORY_PATTERNS),
                new TopicSpec(Topics.IMAGES_CORRUPTED, probePartitions, Map.of()),
                new TopicSpec(Topics.IMAGES_RECONSTRUCTED, probePartitions, Map.of()),
                new TopicSpec(Topics.METRICS_ROLLING, small, Map.of()),
                new TopicSpec(Topics.IMAGES_DEAD_LETTER, small, Map.of()));
    }

    /** Returns the spec of a memory topic: compacted, with one partition so the bank is read in order. */
    public static TopicSpec memoryTopic(String name) {
        return new TopicSpec(name, Topics.DEFAULT_SMALL_TOPIC_PARTITIONS,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /** Returns the spec of a probe topic with {@link Topics#DEFAULT_PARTITIONS} partitions. */
    public static TopicSpec probeTopic(String name) {
        return new TopicSpec(name, Topics.DEFAULT_PARTITIONS, Map.of());
    }

    /**
     * Creates missing topics with an admin client made from Kafka client properties, closed afterwards.
     * Properties that an admin client does not know, such as producer settings, are left out.
     *
     * @return the names of the topics created by this call
     */
    public static List<String> ensureTopics(Map<String, ?> clientProperties, List<TopicSpec> topics, Duration timeout) {
        Map<String, Object> adminProperties = new HashMap<>();
        Set<String> known = AdminClientConfig.configNames();
        clientProperties.forEach((key, value) -> {
            if (known.contains(key)) {
                adminProperties.put(key, value);
            }
        });
        try (Admin admin = Admin.create(adminProperties)) {
            return new TopicSetup(admin, Optional.empty(), timeout).ensureTopics(topics);
        }
    }

    /**
     * Creates the topics that do not exist yet.
     *
     * @return the names of the topics created by this call
     * @throws TopicSetupException when the broker rejects a topic or does not respond in time
     */
    public List<String> ensureTopics(List<TopicSpec> topics) {
        Set<String> existing = listTopics();
        List<String> created = new ArrayList<>();

        for (TopicSpec topic : topics) {
            if (existing.contains(topic.name())) {
                LOG.info("Topic {} exists; leaving its partitions and configuration unchanged", topic.name());
                checkCompaction(topic);
                continue;
            }
            if (create(topic)) {
                created.add(topic.name());
            }
        }

        new PartitionReadiness(admin, timeout).await(topics.stream().map(TopicSpec::name).toList());
        return created;
    }

    private Set<String> listTopics() {
        try {
            return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TopicSetupException("Failed to list topics: " + describe(e), e);
        } catch (TimeoutException e) {
            throw new TopicSetupException("Timed out after " + timeout.toMillis() + " ms listing topics, "
                    + "because no broker responded", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("Interrupted while listing topics", e);
        }
    }

    /** Creates one topic; returns false when another client created it first. */
    private boolean create(TopicSpec topic) {
        NewTopic newTopic = new NewTopic(topic.name(), Optional.of(topic.partitions()), replicationFactor)
                .configs(topic.config());
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created topic {} with {} partitions, replication factor {}, config {}", topic.name(),
                    topic.partitions(), replicationFactor.map(String::valueOf).orElse("broker default"),
                    topic.config());
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                LOG.info("Topic {} was created by another client meanwhile", topic.name());
                return false;
            }
            throw new TopicSetupException("Failed to create topic " + topic.name() + ": " + describe(e), e);
        } catch (TimeoutException e) {
            throw new TopicSetupException("Timed out after " + timeout.toMillis() + " ms creating topic "
                    + topic.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("Interrupted while creating topic " + topic.name(), e);
        }
    }

    private void checkCompaction(TopicSpec topic) {
        String wanted = topic.config().get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(wanted)) {
            return;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        try {
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                LOG.warn("Topic {} has cleanup.policy={}, so retention may delete stored patterns; "
                        + "set cleanup.policy=compact on it", topic.name(), policy);
            }
        } catch (ExecutionException e) {
            LOG.warn("Failed to read the configuration of topic {}: {}", topic.name(), describe(e));
        } catch (TimeoutException e) {
            LOG.warn("Timed out after {} ms reading the configuration of topic {}", timeout.toMillis(), topic.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("Interrupted while reading the configuration of " + topic.name(), e);
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
