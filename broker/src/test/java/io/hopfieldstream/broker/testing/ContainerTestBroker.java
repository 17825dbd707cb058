package io.hopfieldstream.broker.testing;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;

/** A {@link TestBroker} backed by a Testcontainers {@link KafkaContainer}. */
final class ContainerTestBroker extends AbstractTestBroker {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerTestBroker.class);

    private final KafkaContainer container;

    private ContainerTestBroker(KafkaContainer container) {
        this.container = container;
    }

    /** Starts a container of {@link KafkaTestImages#kafkaImage()}. */
    static ContainerTestBroker launch() {
        long startNanos = System.nanoTime();
        KafkaContainer container = newContainer();
        container.start();
        LOG.info("Started Kafka container {} at {} in {} ms", container.getDockerImageName(),
                container.getBootstrapServers(), Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
        return new ContainerTestBroker(container);
    }

    /**
     * Returns an unstarted single-node KRaft container with the same internal-topic settings as
     * the embedded broker: replication factor 1 and min ISR 1 for the offsets, transaction-state
     * and share-group state topics, and no initial rebalance delay.
     */
    static KafkaContainer newContainer() {
        // Testcontainers sets the offsets and transaction-state topics to 1 itself.
        return new KafkaContainer(KafkaTestImages.kafkaImage())
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public BrokerKind kind() {
        return BrokerKind.TESTCONTAINERS;
    }

    @Override
    public boolean supportsRestart() {
        return false;
    }

    @Override
    public void stop() {
        throw restartUnsupported();
    }

    @Override
    public void start() {
        throw restartUnsupported();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    @Override
    void closeBroker() {
        String address = container.getBootstrapServers();
        container.stop();
        LOG.info("Stopped Kafka container at {}", address);
    }

    private static UnsupportedOperationException restartUnsupported() {
        return new UnsupportedOperationException("A Kafka container gets a new port when it restarts,"
                + " so it cannot stand in for a broker outage; restartable tests use the embedded broker");
    }
}
