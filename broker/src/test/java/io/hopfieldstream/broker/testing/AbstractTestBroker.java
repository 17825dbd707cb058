package io.hopfieldstream.broker.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Admin client, topic creation and unique names shared by both kinds of test broker. */
abstract class AbstractTestBroker implements TestBroker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractTestBroker.class);

    /** Maximum time to wait for the controller to create a topic. */
    static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private static final AtomicLong NAME_COUNTER = new AtomicLong();

    private Admin admin;

    @Override
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(clientProperties());
        }
        return admin;
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> config) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(config);
        try {
            admin().createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed to create topic " + name + " with " + partitions
                    + " partitions and config " + config + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + ADMIN_TIMEOUT.toMillis()
                    + " ms creating topic " + name + " on " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        }
        awaitPartitionsServed(name);
        LOG.debug("Created topic {} with {} partitions and config {}", name, partitions, config);
    }

    /**
     * Waits until the leader of every partition answers a ListOffsets request. An idempotent producer
     * that writes before that can lose its first batch after a long timeout (KAFKA-15591, seen on
     * Kafka 4.4.0).
     */
    private void awaitPartitionsServed(String name) {
        Awaitility.await("partitions of " + name + " served")
                .atMost(ADMIN_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> listLatestOffsets(name));
    }

    private boolean listLatestOffsets(String name) throws Exception {
        TopicDescription description = admin().describeTopics(List.of(name)).allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        description.partitions().forEach(partition ->
                partitions.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest()));
        admin().listOffsets(partitions).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    @Override
    public String uniqueName(String prefix) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return prefix + "-" + NAME_COUNTER.incrementAndGet() + "-" + suffix;
    }

    /** Closes the admin client, then stops the broker. */
    @Override
    public void close() {
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
            }
        }
        closeBroker();
    }

    /** Stops the broker and releases its ports and files. */
    abstract void closeBroker();
}
