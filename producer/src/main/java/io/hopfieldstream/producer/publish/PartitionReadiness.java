package io.hopfieldstream.producer.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the leader of every partition of some topics serves requests for it. A successful
 * {@code ListOffsets} request is the test: the leader serves it only once its replica manager hosts the
 * partition, which is also what a produce request needs.
 */
final class PartitionReadiness {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionReadiness.class);
    private static final long RETRY_BACKOFF_MS = 100;

    private final Admin admin;
    private final Duration timeout;

    PartitionReadiness(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Returns when every partition of the topics is served, retrying retriable errors.
     *
     * @throws TopicSetupException when the timeout passes first or an error is not retriable
     */
    void await(List<String> topics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                listLatestOffsets(topics, remainingMillis(deadline));
                if (attempts > 1) {
                    LOG.info("Partitions of {} ready after {} attempts", topics, attempts);
                }
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() - deadline >= 0) {
                    throw new TopicSetupException("Partitions of " + topics + " not ready: " + e.getCause(), e);
                }
            } catch (TimeoutException e) {
                throw new TopicSetupException("Timed out after " + timeout + " waiting for the partitions of "
                        + topics, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicSetupException("Interrupted while waiting for the partitions of " + topics, e);
            }
            backOff();
        }
    }

    private void listLatestOffsets(List<String> topics, long timeoutMillis)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(timeoutMillis, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        descriptions.values().forEach(description -> description.partitions().forEach(partition ->
                partitions.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
        admin.listOffsets(partitions).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static void backOff() {
        try {
            Thread.sleep(RETRY_BACKOFF_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("Interrupted while waiting for partitions to become ready", e);
        }
    }
}
