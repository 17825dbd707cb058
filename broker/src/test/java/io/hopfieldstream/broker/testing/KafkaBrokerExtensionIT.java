package io.hopfieldstream.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@KafkaBrokerTest
class KafkaBrokerExtensionIT {

    private static TestBroker brokerBeforeAll;

    @BeforeAll
    static void rememberBroker(TestBroker broker) {
        brokerBeforeAll = broker;
    }

    @Test
    void extensionResolvesRunningBroker(TestBroker broker) throws Exception {
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.kind()).isIn(BrokerKind.EMBEDDED, BrokerKind.TESTCONTAINERS);
        assertThat(broker.bootstrapServers()).matches("[^:]+:\\d+");

        Collection<Node> nodes = broker.admin().describeCluster().nodes().get(30, TimeUnit.SECONDS);
        assertThat(nodes).hasSize(1);
    }

    @Test
    void extensionSharesOneBroker(TestBroker broker) {
        assertThat(broker).isSameAs(brokerBeforeAll);
    }

    @Test
    void selectedKindIsHonoured(TestBroker broker) {
        BrokerKind selected = BrokerKind.selected();
        if (selected != BrokerKind.AUTO) {
            assertThat(broker.kind()).isEqualTo(selected);
        }
    }

    @Test
    void createTopicAppliesPartitionsAndConfig(TestBroker broker) throws Exception {
        String topic = broker.uniqueName("compacted");

        broker.createTopic(topic, 3, Map.of("cleanup.policy", "compact"));

        TopicDescription description =
                broker.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        assertThat(description.partitions()).hasSize(3);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = broker.admin().describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }

    @Test
    void createTopicRejectsDuplicate(TestBroker broker) {
        String topic = broker.uniqueName("duplicate");
        broker.createTopic(topic, 1);

        assertThatThrownBy(() -> broker.createTopic(topic, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("TopicExistsException");
    }

    @Test
    void uniqueNameDiffersEachCall(TestBroker broker) {
        assertThat(broker.uniqueName("group")).startsWith("group-").isNotEqualTo(broker.uniqueName("group"));
    }

    @Test
    void sharedBrokerRejectsStop(TestBroker broker) {
        assertThat(broker.supportsRestart()).isFalse();

        assertThatThrownBy(broker::stop)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("restartable = true");
        assertThat(broker.isRunning()).isTrue();
    }

    @Test
    void produceAndConsume(TestBroker broker) {
        String topic = broker.uniqueName("plain");
        broker.createTopic(topic, 1);

        BrokerSmokeChecks.produceAndConsume(broker.bootstrapServers(), topic);
    }

    @Test
    void transactionsHideAbortedRecords(TestBroker broker) {
        String topic = broker.uniqueName("transactions");
        broker.createTopic(topic, 1);

        BrokerSmokeChecks.transactionsHideAbortedRecords(broker.bootstrapServers(), topic, broker.uniqueName("tx"));
    }
}
