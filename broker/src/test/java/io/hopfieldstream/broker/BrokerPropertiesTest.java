package io.hopfieldstream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {

    private static final Path LOG_DIRECTORY = Path.of("/tmp/kafka-logs");

    @Test
    void listenersBindLoopback() {
        Properties properties = BrokerProperties.of(9092, 9093, LOG_DIRECTORY, Map.of());

        assertThat(properties.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(properties.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(properties.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
        assertThat(properties.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.1:9093");
        assertThat(properties.getProperty("log.dirs")).isEqualTo(LOG_DIRECTORY.toAbsolutePath().toString());
    }

    @Test
    void internalTopicsFitOneNode() {
        Properties properties = BrokerProperties.of(9092, 9093, LOG_DIRECTORY, Map.of());

        assertThat(properties.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(properties.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(properties.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
        assertThat(properties.getProperty("share.coordinator.state.topic.replication.factor")).isEqualTo("1");
        assertThat(properties.getProperty("share.coordinator.state.topic.min.isr")).isEqualTo("1");
        assertThat(properties.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
    }

    @Test
    void overridesApplyLast() {
        Properties properties = BrokerProperties.of(9092, 9093, LOG_DIRECTORY,
                Map.of("auto.create.topics.enable", "false", "offsets.topic.num.partitions", "5"));

        assertThat(properties.getProperty("auto.create.topics.enable")).isEqualTo("false");
        assertThat(properties.getProperty("offsets.topic.num.partitions")).isEqualTo("5");
    }
}
