package io.hopfieldstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.producer.TestData;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.dataset.CifarSelection;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.serde.RecordSerdes;

@KafkaBrokerTest
class MemoryBankPublisherIT {

    /** Stands for a null value in maps of the latest value per key. */
    private static final MemoryPattern TOMBSTONE = new MemoryPattern();

    private static List<CifarImage> bank;

    @BeforeAll
    static void sampleBank() {
        CifarReader reader = new CifarReader(TestData.source());
        bank = ImageSampler.sample(reader.iterator(CifarSelection.range(CifarSplit.TEST, 0, 1_000)),
                SampleCriteria.random(300, 11L));
    }

    @Test
    void memoryTopicCompactedAndComplete(TestBroker broker) throws Exception {
        String topic = broker.uniqueName("memory");

        MemoryBankSummary summary;
        try (MemoryBankPublisher publisher = new MemoryBankPublisher(RecordReader.clientProperties(broker),
                MemoryBankPublisher.Settings.defaults().withTopic(topic))) {
            summary = publisher.publish(bank);
        }

        List<ConsumerRecord<String, MemoryPattern>> records =
                RecordReader.read(broker, topic, 300, RecordSerdes.memoryPattern().deserializer());
        Map<String, MemoryPattern> byKey = records.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
        assertThat(TopicSetupIT.cleanupPolicy(broker, topic)).isEqualTo("compact");
        assertThat(summary.patterns()).isEqualTo(300);
        assertThat(summary.bytes()).isGreaterThan(300L * 3072);
        assertThat(records).hasSize(300);
        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(
                bank.stream().map(CifarImage::patternId).toList());
        for (CifarImage image : bank) {
            assertThat(byKey.get(image.patternId())).isEqualTo(MemoryBankPublisher.toPattern(image));
        }
    }

    @Test
    void memoryPatternFields(TestBroker broker) {
        String topic = broker.uniqueName("memory-fields");
        CifarImage image = bank.get(0);

        try (MemoryBankPublisher publisher = new MemoryBankPublisher(RecordReader.clientProperties(broker),
                MemoryBankPublisher.Settings.defaults().withTopic(topic))) {
            publisher.publish(List.of(image));
        }

        MemoryPattern pattern = RecordReader.read(broker, topic, 1, RecordSerdes.memoryPattern().deserializer())
                .get(0).value();
        assertThat(pattern.getPatternId()).isEqualTo(image.patternId());
        assertThat(pattern.getLabel()).isEqualTo(image.label());
        assertThat(pattern.getSplit()).isEqualTo("test");
        assertThat(pattern.getSourceIndex()).isEqualTo(image.index());
        assertThat(pattern.getPixels().remaining()).isEqualTo(3072);
        assertThat(pattern.getPixels().get(0)).isEqualTo(image.pixels()[0]);
    }

    @Test
    void removeSendsTombstones(TestBroker broker) {
        String topic = broker.uniqueName("memory-remove");
        List<CifarImage> few = bank.subList(0, 5);

        try (MemoryBankPublisher publisher = new MemoryBankPublisher(RecordReader.clientProperties(broker),
                MemoryBankPublisher.Settings.defaults().withTopic(topic))) {
            publisher.publish(few);
            publisher.remove(List.of(few.get(1).patternId(), few.get(3).patternId()));
        }

        List<ConsumerRecord<String, MemoryPattern>> records =
                RecordReader.read(broker, topic, 7, RecordSerdes.memoryPattern().deserializer());
        Map<String, MemoryPattern> latest = records.stream().collect(Collectors.toMap(ConsumerRecord::key,
                record -> Optional.ofNullable(record.value()).orElse(TOMBSTONE), (first, second) -> second));
        assertThat(latest.get(few.get(1).patternId())).isSameAs(TOMBSTONE);
        assertThat(latest.get(few.get(3).patternId())).isSameAs(TOMBSTONE);
        assertThat(latest.get(few.get(0).patternId())).isEqualTo(MemoryBankPublisher.toPattern(few.get(0)));
    }
}
