package io.hopfieldstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.producer.TestData;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.dataset.CifarSelection;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.serde.RecordSerdes;

@KafkaBrokerTest
class ProbePublisherIT {

    private static List<CifarImage> stored;
    private static List<CifarImage> unstored;

    @BeforeAll
    static void readImages() {
        List<CifarImage> images = new CifarReader(TestData.source()).read(CifarSelection.range(CifarSplit.TEST, 0, 200));
        stored = ImageSampler.sample(images, SampleCriteria.first(50));
        Set<String> storedIds = new HashSet<>(stored.stream().map(CifarImage::patternId).toList());
        unstored = ImageSampler.sample(images, SampleCriteria.random(10, 3L).excluding(storedIds));
    }

    @Test
    void probesCarryTruthIds(TestBroker broker) throws Exception {
        String topic = broker.uniqueName("probes");
        List<ProbeTarget> targets = new ArrayList<>(ProbeTarget.stored(stored));
        targets.addAll(ProbeTarget.unstored(unstored));
        CorruptionSpec spec = CorruptionSpec.parse("gaussian:20+centre-rectangle:0.25");
        ProbeSettings settings = ProbeSettings.defaults("truth", spec).withSeed(5L).withCount(120).withTopic(topic);

        ProbeSummary summary;
        try (ProbePublisher publisher = new ProbePublisher(RecordReader.clientProperties(broker))) {
            summary = publisher.publish(targets, settings);
        }

        List<Probe> probes = RecordReader.read(broker, topic, 120, RecordSerdes.probe().deserializer()).stream()
                .map(ConsumerRecord::value)
                .sorted(Comparator.comparingLong(Probe::getProbeIndex))
                .toList();
        ProbeFactory factory = new ProbeFactory("truth", spec, 5L);
        assertThat(summary.probes()).isEqualTo(120);
        assertThat(summary.withTruth()).isEqualTo(100);
        assertThat(summary.withoutTruth()).isEqualTo(20);
        assertThat(summary.stoppedEarly()).isFalse();
        assertThat(probes).hasSize(120);
        for (int i = 0; i < 120; i++) {
            Probe probe = probes.get(i);
            ProbeTarget target = targets.get(i % targets.size());
            Probe expected = factory.create(target, i, probe.getCreatedAtMs());
            assertThat(probe.getProbeIndex()).isEqualTo(i);
            assertThat(probe.getProbeId()).isEqualTo(String.format("truth-%06d", i));
            assertThat(probe.getTruthPatternId()).as("truth of probe %d", i).isEqualTo(target.truthPatternId());
            assertThat(probe.getLabel()).isEqualTo(target.image().label());
            assertThat(probe).as("probe %d", i).isEqualTo(expected);
        }
        assertThat(probes.get(0).getTruthPatternId()).isEqualTo("test-00000");
        assertThat(probes.get(55).getTruthPatternId()).isNull();
        assertThat(probes.get(0).getKnownMask()).isNotNull();
        assertThat(broker.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic).partitions()).hasSize(Topics.DEFAULT_PARTITIONS);
    }

    @Test
    void rateLimitHolds(TestBroker broker) {
        String topic = broker.uniqueName("paced");
        ProbeSettings settings = ProbeSettings.defaults("paced", CorruptionSpec.parse("gaussian:10"))
                .withRate(500)
                .withCount(ProbeSettings.UNLIMITED_COUNT)
                .withDuration(Duration.ofSeconds(3))
                .withProgressInterval(Duration.ofSeconds(1))
                .withTopic(topic);

        ProbeSummary summary;
        try (ProbePublisher publisher = new ProbePublisher(RecordReader.clientProperties(broker))) {
            summary = publisher.publish(ProbeTarget.stored(stored), settings);
        }

        List<Probe> probes = RecordReader.read(broker, topic, (int) summary.probes(), RecordSerdes.probe().deserializer())
                .stream().map(ConsumerRecord::value).toList();
        long first = probes.stream().mapToLong(Probe::getCreatedAtMs).min().orElseThrow();
        long last = probes.stream().mapToLong(Probe::getCreatedAtMs).max().orElseThrow();
        double measuredRate = (probes.size() - 1) / ((last - first) / 1000.0);
        assertThat(summary.probes()).isBetween(1_350L, 1_650L);
        assertThat(probes).hasSize((int) summary.probes());
        assertThat(measuredRate).isCloseTo(500.0, within(50.0));
    }

    @Test
    void stopRequestEndsRun(TestBroker broker) throws Exception {
        String topic = broker.uniqueName("stopped");
        ProbeSettings settings = ProbeSettings.defaults("stopped", CorruptionSpec.none())
                .withRate(200)
                .withCount(ProbeSettings.UNLIMITED_COUNT)
                .withFirstProbeIndex(1_000)
                .withTopic(topic);

        try (ProbePublisher publisher = new ProbePublisher(RecordReader.clientProperties(broker))) {
            CompletableFuture<ProbeSummary> run =
                    CompletableFuture.supplyAsync(() -> publisher.publish(ProbeTarget.unstored(unstored), settings));
            RecordReader.read(broker, topic, 20, RecordSerdes.probe().deserializer());
            publisher.requestStop();
            ProbeSummary summary = run.get(30, TimeUnit.SECONDS);

            assertThat(summary.stoppedEarly()).isTrue();
            assertThat(summary.probes()).isGreaterThanOrEqualTo(20);
            assertThat(summary.withTruth()).isZero();
            assertThat(summary.nextProbeIndex()).isEqualTo(1_000 + summary.probes());
        }
        List<Probe> probes = RecordReader.read(broker, topic, 20, RecordSerdes.probe().deserializer()).stream()
                .map(ConsumerRecord::value).toList();
        assertThat(probes).allMatch(probe -> probe.getTruthPatternId() == null);
        assertThat(probes).allMatch(probe -> probe.getProbeIndex() >= 1_000);
        Probe first = probes.stream().filter(probe -> probe.getProbeIndex() == 1_000).findFirst().orElseThrow();
        assertThat(first.getKnownMask()).isNull();
        assertThat(bytes(first.getPixels())).isEqualTo(unstored.get(0).pixels());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
