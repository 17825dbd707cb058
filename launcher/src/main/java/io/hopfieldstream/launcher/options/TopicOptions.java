package io.hopfieldstream.launcher.options;

import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.producer.publish.TopicSetup;
import io.hopfieldstream.producer.publish.TopicSetupException;
import io.hopfieldstream.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import picocli.CommandLine.Option;

/** Whether and how a command creates the pipeline's topics before it writes. */
public final class TopicOptions {

    /** Maximum wait for each topic request to the broker. */
    static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** Maximum wait of the first request to a cluster named on the command line, so a wrong address fails fast. */
    public static final Duration REACHABLE_TIMEOUT = Duration.ofSeconds(15);

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + Topics.DEFAULT_PARTITIONS,
            description = "Partitions of images.corrupted and images.reconstructed when this command creates them, "
                    + "1..10000: the most retriever instances that share the work (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Replication factor of the topics this command creates (default: the broker's).")
    Short replicationFactor;

    @Option(names = "--no-create-topics",
            description = "Do not create missing topics; rely on topics made by an administrator.")
    boolean noCreateTopics;

    /**
     * Creates the missing pipeline topics unless --no-create-topics was given.
     *
     * @throws InvalidSettingException when the cluster cannot be reached or rejects a topic, naming the
     *     bootstrap servers, because a wrong address or security setting is the usual cause
     */
    public void ensureTopics(Map<String, Object> kafkaProperties) {
        if (partitions < 1 || partitions > 10_000) {
            throw new InvalidSettingException("Invalid --partitions " + partitions + ": expected 1..10000");
        }
        if (replicationFactor != null && replicationFactor < 1) {
            throw new InvalidSettingException("Invalid --replication-factor " + replicationFactor + ": expected >= 1");
        }
        if (noCreateTopics) {
            return;
        }
        try (Admin admin = Admin.create(kafkaProperties)) {
            new TopicSetup(admin, Optional.ofNullable(replicationFactor), ADMIN_TIMEOUT)
                    .ensureTopics(TopicSetup.pipelineTopics(partitions));
        } catch (TopicSetupException e) {
            Throwable timeout = timeout(e);
            String failure = timeout == null
                    ? e.getMessage()
                    : "Could not reach the Kafka cluster to create the pipeline's topics"
                            + (timeout.getMessage() == null ? "" : ": " + timeout.getMessage());
            throw new InvalidSettingException(failure + ". Check --bootstrap-servers (now "
                    + kafkaProperties.getOrDefault(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "unset")
                    + ") and the security settings, or pass --no-create-topics", e);
        }
    }

    /** Returns whether missing topics are created, which also shows that the cluster can be reached. */
    public boolean createsTopics() {
        return !noCreateTopics;
    }

    /**
     * Checks that the cluster responds to a request within the clients' {@code default.api.timeout.ms}
     * (Kafka default 60 s), for a command whose clients would otherwise keep retrying an unreachable broker.
     *
     * @throws InvalidSettingException naming the bootstrap servers when no broker responds or the request fails
     */
    public static void requireReachable(Map<String, Object> kafkaProperties) throws InterruptedException {
        requireReachable(kafkaProperties, new DescribeClusterOptions());
    }

    /**
     * Checks that the cluster responds to a request within {@code timeout}, or within the clients'
     * {@code default.api.timeout.ms} when that is set and shorter, for a command that should report a wrong
     * address sooner than the Kafka default of 60 s.
     *
     * @throws InvalidSettingException naming the bootstrap servers when no broker responds or the request fails
     */
    public static void requireReachable(Map<String, Object> kafkaProperties, Duration timeout)
            throws InterruptedException {
        long timeoutMillis = Math.min(timeout.toMillis(), apiTimeoutMillis(kafkaProperties));
        requireReachable(kafkaProperties, new DescribeClusterOptions().timeoutMs((int) timeoutMillis));
    }

    /** Returns {@code default.api.timeout.ms} when set to a whole number, else {@link Long#MAX_VALUE}. */
    private static long apiTimeoutMillis(Map<String, Object> kafkaProperties) {
        Object value = kafkaProperties.get(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG);
        if (value == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            // The Kafka client rejects the value itself with a message naming the property.
            return Long.MAX_VALUE;
        }
    }

    private static void requireReachable(Map<String, Object> kafkaProperties, DescribeClusterOptions options)
            throws InterruptedException {
        try (Admin admin = Admin.create(kafkaProperties)) {
            admin.describeCluster(options).clusterId().get();
        } catch (ExecutionException e) {
            throw new InvalidSettingException("Could not reach the Kafka cluster: " + e.getCause().getMessage()
                    + ". Check --bootstrap-servers (now "
                    + kafkaProperties.getOrDefault(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "unset")
                    + ") and the security settings", e);
        }
    }

    /** Returns the timeout in the cause chain, which means no broker responded in time, or null. */
    private static Throwable timeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException) {
                return cause;
            }
        }
        return null;
    }

    /** Returns the partitions of the probe and reconstruction topics. */
    public int partitions() {
        return partitions;
    }

    /** Returns the pipeline's topics as this command would create them. */
    public List<TopicSetup.TopicSpec> topics() {
        return TopicSetup.pipelineTopics(partitions);
    }
}
