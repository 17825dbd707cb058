package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.producer.publish.TopicSetup;
import io.hopfieldstream.retriever.service.RetrieverTopics;
import io.hopfieldstream.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics a sweep uses. Only the memory topic may differ from the pipeline's names, so that a sweep on a
 * shared cluster can keep its memory banks away from the memory of a live retriever.
 *
 * @param memory the compacted memory topic whose bank the sweep replaces for each point
 * @param probes the probe topic
 * @param reconstructions the reconstruction topic
 * @param metrics the metrics topic
 * @param deadLetter the dead-letter topic
 */
public record TopicNames(String memory, String probes, String reconstructions, String metrics, String deadLetter) {

    public TopicNames {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(reconstructions, "reconstructions");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(deadLetter, "deadLetter");
    }

    /** Returns the pipeline's topic names with the given memory topic. */
    public static TopicNames withMemoryTopic(String memoryTopic) {
        return new TopicNames(memoryTopic, Topics.IMAGES_CORRUPTED, Topics.IMAGES_RECONSTRUCTED, Topics.METRICS_ROLLING,
                Topics.IMAGES_DEAD_LETTER);
    }

    /** Returns the retriever's view of these topics. */
    public RetrieverTopics retrieverTopics() {
        return new RetrieverTopics(memory, probes, reconstructions, deadLetter);
    }

    /** Returns the topics to create when missing, as the pipeline creates them, with the memory topic compacted. */
    public List<TopicSetup.TopicSpec> specs(int partitions) {
        List<TopicSetup.TopicSpec> specs = new ArrayList<>();
        for (TopicSetup.TopicSpec spec : TopicSetup.pipelineTopics(partitions)) {
            if (!spec.name().equals(Topics.MEMORY_PATTERNS)) {
                specs.add(spec);
            }
        }
        specs.add(new TopicSetup.TopicSpec(memory, Topics.DEFAULT_SMALL_TOPIC_PARTITIONS,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        return specs;
    }
}
