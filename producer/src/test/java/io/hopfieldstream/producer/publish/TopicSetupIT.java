package io.hopfieldstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.schemas.Topics;

@KafkaBrokerTest
class TopicSetupIT {

    @Test
    void setupCreatesPipelineTopics(TestBroker broker) throws Exception {
        TopicSetup setup = new TopicSetup(broker.admin(), Optional.empty(), Duration.ofSeconds(30));

        List<String> created = setup.ensureTopics(TopicSetup.pipelineTopics(Topics.DEFAULT_PARTITIONS));
        List<String> createdAgain = setup.ensureTopics(TopicSetup.pipelineTopics(Topics.DEFAULT_PARTITIONS));

        assertThat(created).containsExactlyInAnyOrder(Topics.MEMORY_PATTERNS, Topics.IMAGES_CORRUPTED,
                Topics.IMAGES_RECONSTRUCTED, Topics.METRICS_ROLLING, Topics.IMAGES_DEAD_LETTER);
        assertThat(createdAgain).isEmpty();
        Map<String, TopicDescription> topics = broker.admin().describeTopics(created).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        assertThat(topics.get(Topics.MEMORY_PATTERNS).partitions()).hasSize(1);
        assertThat(topics.get(Topics.IMAGES_CORRUPTED).partitions()).hasSize(Topics.DEFAULT_PARTITIONS);
        assertThat(topics.get(Topics.IMAGES_RECONSTRUCTED).partitions()).hasSize(Topics.DEFAULT_PARTITIONS);
        assertThat(topics.get(Topics.METRICS_ROLLING).partitions()).hasSize(1);
        assertThat(topics.get(Topics.IMAGES_DEAD_LETTER).partitions()).hasSize(1);
        assertThat(cleanupPolicy(broker, Topics.MEMORY_PATTERNS)).isEqualTo("compact");
        assertThat(cleanupPolicy(broker, Topics.IMAGES_CORRUPTED)).isEqualTo("delete");
    }

    @Test
    void setupKeepsExistingTopic(TestBroker broker) throws Exception {
        String topic = broker.uniqueName("existing");
        broker.createTopic(topic, 2);
        TopicSetup setup = new TopicSetup(broker.admin(), Optional.empty(), Duration.ofSeconds(30));

        List<String> created = setup.ensureTopics(List.of(new TopicSetup.TopicSpec(topic, 5, Map.of())));

        assertThat(created).isEmpty();
        assertThat(broker.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic).partitions()).hasSize(2);
    }

    static String cleanupPolicy(TestBroker broker, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = broker.admin().describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                .get(resource);
        return config.get("cleanup.policy").value();
    }
}
