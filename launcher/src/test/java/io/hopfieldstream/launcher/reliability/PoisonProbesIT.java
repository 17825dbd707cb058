package io.hopfieldstream.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.evaluator.service.EvaluatorService;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.publish.ProbePublisher;
import io.hopfieldstream.producer.publish.ProbeSettings;
import io.hopfieldstream.producer.publish.ProbeTarget;
import io.hopfieldstream.retriever.service.BatchHook;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.schemas.Corruption;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.deadletter.DeadLetterInfo;
import io.hopfieldstream.schemas.serde.RecordCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison probes at volume through the whole pipeline: one probe in a hundred is corrupt in one of
 * five ways, spread over the run. Each bad probe must land on the dead-letter topic with its reason
 * and source position, every good probe must be reconstructed once and scored once, and neither the
 * retriever nor the evaluator may fail or replace a thread.
 */
@KafkaBrokerTest
class PoisonProbesIT {

    private static final RecordCodec<Probe> PROBES = RecordCodec.forClass(Probe.class);
    private static final int MEMORY_SIZE = 200;
    private static final int ROUNDS = 10;
    private static final int GOOD_PER_ROUND = 99;

    /** Reason codes in the order the bad probes are sent. Each kind appears twice. */
    private static final List<String> BAD_KINDS =
            List.of("BAD_HEADER", "TRUNCATED", "WRONG_PIXEL_COUNT", "UNKNOWN_FINGERPRINT", "UNKNOWN_PATTERN");

    @TempDir
    Path stateDir;

    @Test
    void onePercentPoisonIsDeadLettered(TestBroker broker) throws Exception {
        PipelineFixture pipeline = new PipelineFixture(broker, 3, 3);
        List<CifarImage> images = PipelineFixture.images(MEMORY_SIZE);
        pipeline.publishMemory(images);
        String experiment = broker.uniqueName("poison");

        Map<String, String> expectedReason = new LinkedHashMap<>();
        Map<String, byte[]> badValues = new HashMap<>();
        Map<String, RecordMetadata> badPositions = new HashMap<>();
        int good = ROUNDS * GOOD_PER_ROUND;

        try (LogCapture evaluatorLog = LogCapture.of(EvaluatorService.class);
                EvaluatorService evaluator = EvaluatorService.start(pipeline.evaluatorSettings(
                        broker.uniqueName("evaluator"), pipeline.metricsTopic(), stateDir));
                RetrieverService retriever = PipelineFixture.startRetriever(
                        pipeline.retrieverSettings(broker.uniqueName("retriever"), "poison-1").build(),
                        pipeline.kafka(), BatchHook.NONE)) {
            assertThat(evaluator.awaitReady(PipelineFixture.TIMEOUT)).isTrue();

            try (ProbePublisher publisher = new ProbePublisher(pipeline.kafka());
                    KafkaProducer<byte[], byte[]> raw = rawProducer(pipeline)) {
                List<ProbeTarget> targets = ProbeTarget.shuffled(ProbeTarget.stored(images), 81L);
                for (int round = 0; round < ROUNDS; round++) {
                    ProbeSettings settings = pipeline.probeSettings(experiment, 81L)
                            .withCount(GOOD_PER_ROUND)
                            .withFirstProbeIndex((long) round * GOOD_PER_ROUND);
                    publisher.publish(targets, settings);

                    String kind = BAD_KINDS.get(round % BAD_KINDS.size());
                    String probeId = experiment + "-bad-" + round;
                    byte[] value = badProbe(kind, experiment, probeId, images.get(round).pixels(), round);
                    expectedReason.put(probeId, kind);
                    badValues.put(probeId, value);
                    badPositions.put(probeId, raw.send(new ProducerRecord<>(pipeline.topics().probes(),
                            probeId.getBytes(StandardCharsets.UTF_8), value)).get());
                }
            }

            String runId = retriever.runId();
            await().atMost(PipelineFixture.TIMEOUT).until(() ->
                    retriever.totals().retrieved() + retriever.totals().rejected() >= good + ROUNDS
                            && PipelineFixture.cumulativeCount(evaluator, experiment, runId) >= good);

            assertThat(retriever.totals().retrieved()).as("probes retrieved").isEqualTo(good);
            assertThat(retriever.totals().rejected()).as("probes rejected").isEqualTo(ROUNDS);
            assertThat(retriever.state()).isEqualTo(RetrieverService.State.RUNNING);
            assertThat(retriever.failure()).isEmpty();
            assertThat(PipelineFixture.cumulativeCount(evaluator, experiment, runId)).as("probes scored")
                    .isEqualTo(good);
            assertThat(evaluator.rejections().total()).as("reconstructions the evaluator rejected").isZero();
            assertThat(evaluator.isReady()).isTrue();
            assertThat(evaluatorLog.messagesContaining("Replacing a stream thread")).isEmpty();
        }

        List<ConsumerRecord<byte[], byte[]>> deadLetters = pipeline.deadLetters();
        assertThat(deadLetters).as("dead letters").hasSize(ROUNDS);
        Map<String, ConsumerRecord<byte[], byte[]>> deadLetterByKey = deadLetters.stream()
                .collect(Collectors.toMap(record -> new String(record.key(), StandardCharsets.UTF_8), record -> record));
        assertThat(deadLetterByKey).containsOnlyKeys(expectedReason.keySet());
        for (Map.Entry<String, String> entry : expectedReason.entrySet()) {
            ConsumerRecord<byte[], byte[]> deadLetter = deadLetterByKey.get(entry.getKey());
            DeadLetterInfo info = DeadLetterInfo.from(deadLetter);
            RecordMetadata source = badPositions.get(entry.getKey());

            assertThat(info.reason()).as("reason of %s", entry.getKey()).isEqualTo(entry.getValue());
            assertThat(info.sourceTopic()).isEqualTo(pipeline.topics().probes());
            assertThat(info.sourcePartition()).as("source partition of %s", entry.getKey())
                    .isEqualTo(source.partition());
            assertThat(info.sourceOffset()).as("source offset of %s", entry.getKey()).isEqualTo(source.offset());
            assertThat(info.service()).isEqualTo("retriever");
            assertThat(deadLetter.value()).as("original bytes of %s", entry.getKey())
                    .isEqualTo(badValues.get(entry.getKey()));
        }

        Set<String> badIds = expectedReason.keySet();
        List<String> goodIds = pipeline.probeIds().stream().filter(id -> !badIds.contains(id)).toList();
        List<Reconstruction> reconstructions = pipeline.reconstructions();
        assertThat(goodIds).hasSize(good);
        PipelineFixture.assertOnePerProbe(reconstructions, goodIds);
        assertThat(reconstructions.stream().filter(r -> r.getRetrievedPatternId().equals(r.getTruthPatternId())))
                .as("reconstructions that retrieved their truth pattern").hasSize(good);
    }

    private static KafkaProducer<byte[], byte[]> rawProducer(PipelineFixture pipeline) {
        Map<String, Object> config = pipeline.kafka();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    /** Returns the bytes of one bad probe that the retriever must reject with reason {@code kind}. */
    private static byte[] badProbe(String kind, String experiment, String probeId, byte[] pixels, long seed) {
        byte[] valid = PROBES.encode(null, probe(experiment, probeId, pixels, "test-00000"));
        return switch (kind) {
            case "BAD_HEADER" -> {
                byte[] random = new byte[3_100];
                new Random(seed).nextBytes(random);
                random[0] = 0x17;
                yield random;
            }
            case "TRUNCATED" -> Arrays.copyOf(valid, valid.length / 2);
            case "WRONG_PIXEL_COUNT" ->
                    PROBES.encode(null, probe(experiment, probeId, Arrays.copyOf(pixels, 784), "test-00000"));
            case "UNKNOWN_FINGERPRINT" -> {
                byte[] unknownSchema = valid.clone();
                unknownSchema[4] ^= 0x3C;
                yield unknownSchema;
            }
            case "UNKNOWN_PATTERN" -> PROBES.encode(null, probe(experiment, probeId, pixels, "train-49999"));
            default -> throw new IllegalArgumentException("No bad probe of kind " + kind);
        };
    }

    private static Probe probe(String experiment, String probeId, byte[] pixels, String truth) {
        return Probe.newBuilder()
                .setExperimentId(experiment)
                .setProbeId(probeId)
                .setProbeIndex(1_000_000)
                .setTruthPatternId(truth)
                .setLabel(3)
                .setCorruption(new Corruption("none", 0.0, "none", 0L))
                .setKnownMask(null)
                .setPixels(ByteBuffer.wrap(pixels))
                .setCreatedAtMs(System.currentTimeMillis())
                .build();
    }
}
