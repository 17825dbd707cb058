package io.hopfieldstream.launcher.commands;

import io.hopfieldstream.launcher.KafkaOptions;
import io.hopfieldstream.launcher.options.DataOptions;
import io.hopfieldstream.launcher.options.MemoryBankOptions;
import io.hopfieldstream.launcher.options.TopicOptions;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.publish.MemoryBankPublisher;
import io.hopfieldstream.producer.publish.SampleCriteria;
import io.hopfieldstream.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hopfield produce memory}: publishes the memory bank to the compacted memory topic. */
@Command(
        name = "memory",
        mixinStandardHelpOptions = true,
        description = {
                "Publish a memory bank of CIFAR-10 images to the compacted memory.patterns topic, keyed by patternId "
                        + "(for example test-00042).",
                "Publishing the same images again is harmless: compaction keeps one record per patternId."
        })
public final class ProduceMemoryCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ProduceMemoryCommand.class);

    @Mixin
    MemoryBankOptions memory;

    @Mixin
    DataOptions data;

    @Mixin
    TopicOptions topics;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.MEMORY_PATTERNS,
            description = "Topic to write (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--remove", paramLabel = "PATTERN_ID", split = ",",
            description = "Instead of publishing, remove these patterns from the memory bank with tombstones, "
                    + "for example --remove test-00001,test-00002.")
    List<String> remove = List.of();

    @Override
    public Integer call() {
        Map<String, Object> kafkaProperties = kafka.resolve(Map.of()).asMap();
        MemoryBankPublisher.Settings settings = MemoryBankPublisher.Settings.defaults().withTopic(topic);

        if (!remove.isEmpty()) {
            topics.ensureTopics(kafkaProperties);
            try (MemoryBankPublisher publisher = new MemoryBankPublisher(kafkaProperties, settings)) {
                publisher.remove(remove);
            }
            return 0;
        }

        SampleCriteria criteria = memory.criteria();
        CifarReader reader = data.openReader();
        List<CifarImage> bank = memory.select(reader, criteria);
        log.info("Selected {} images: {}", bank.size(), memory.describe());

        topics.ensureTopics(kafkaProperties);
        try (MemoryBankPublisher publisher = new MemoryBankPublisher(kafkaProperties, settings)) {
            publisher.publish(bank);
        }
        return 0;
    }
}
