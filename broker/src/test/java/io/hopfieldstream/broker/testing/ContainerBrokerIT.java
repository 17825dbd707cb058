package io.hopfieldstream.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Runs the broker smoke checks against a Testcontainers Kafka container, whatever broker kind
 * is selected. Skipped, with the reason in the test report, where no Docker engine exists.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokerIT {

    @Container
    private static final KafkaContainer KAFKA = ContainerTestBroker.newContainer();

    @Test
    void containerRunsPinnedImage() {
        assertThat(KAFKA.getDockerImageName()).isEqualTo(KafkaTestImages.kafkaImage());
    }

    @Test
    void produceAndConsume() {
        BrokerSmokeChecks.produceAndConsume(KAFKA.getBootstrapServers(), "plain-" + UUID.randomUUID());
    }

    @Test
    void transactionsHideAbortedRecords() {
        BrokerSmokeChecks.transactionsHideAbortedRecords(KAFKA.getBootstrapServers(),
                "transactions-" + UUID.randomUUID(), "tx-" + UUID.randomUUID());
    }
}
