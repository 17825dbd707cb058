package io.hopfieldstream.retriever.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.schemas.Corruption;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.deadletter.DeadLetterInfo;
import io.hopfieldstream.schemas.serde.RecordCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Bad probes among good ones: each lands in the dead-letter topic with its reason, the rest are retrieved. */
@KafkaBrokerTest
class RetrieverDeadLetterIT {

    private static final RecordCodec<Probe> CODEC = RecordCodec.forClass(Probe.class);
    private static final int GOOD_PROBES = 40;

    @Test
    void badProbesGoToDeadLetterTopic(TestBroker broker) throws Exception {
        List<CifarImage> images = RetrieverTestKit.firstTestImages(200);
        RetrieverTopics topics = RetrieverTestKit.createTopics(broker);
        String experiment = broker.uniqueName("poison");
        RetrieverTestKit.publishMemory(broker, topics.memoryPatterns(), images);
        RetrieverTestKit.publishProbes(broker, topics.probes(), experiment, "gaussian:25", images, GOOD_PROBES / 2,
                41L, 0);

        Map<String, byte[]> bad = badProbes(experiment, images.get(0).pixels());
        Map<String, RecordMetadata> written = send(broker, topics.probes(), bad);
        RetrieverTestKit.publishProbes(broker, topics.probes(), experiment, "gaussian:25", images, GOOD_PROBES / 2,
                42L, GOOD_PROBES / 2);

        RetrieverSettings settings = RetrieverSettings.builder()
                .topics(topics)
                .groupId(broker.uniqueName("retriever"))
                .instanceId("poison-1")
                .batchSize(16)
                .build();
        try (RetrieverService service = new RetrieverService(settings, RetrieverTestKit.kafka(broker),
                Nd4jCpuBackend::new, new SimpleMeterRegistry())) {
            service.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> service.totals().retrieved() + service.totals().rejected() >= GOOD_PROBES + bad.size());

            assertThat(service.totals().rejected()).isEqualTo(bad.size());
            assertThat(service.state()).isEqualTo(RetrieverService.State.RUNNING);
        }

        List<ConsumerRecord<byte[], byte[]>> deadLetters = RetrieverTestKit.readAll(broker, topics.deadLetter(), true);
        assertThat(deadLetters).hasSize(bad.size());
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = deadLetters.stream()
                .collect(Collectors.toMap(r -> new String(r.key(), StandardCharsets.UTF_8), r -> r));
        assertThat(byKey).containsOnlyKeys(bad.keySet());
        for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
            ConsumerRecord<byte[], byte[]> deadLetter = byKey.get(entry.getKey());
            DeadLetterInfo info = DeadLetterInfo.from(deadLetter);
            RecordMetadata source = written.get(entry.getKey());

            assertThat(info.reason()).as("reason of %s", entry.getKey()).isEqualTo(entry.getKey());
            assertThat(info.sourceTopic()).isEqualTo(topics.probes());
            assertThat(info.sourcePartition()).isEqualTo(source.partition());
            assertThat(info.sourceOffset()).isEqualTo(source.offset());
            assertThat(info.service()).isEqualTo("retriever");
            assertThat(info.message()).isNotBlank();
            assertThat(deadLetter.value()).isEqualTo(entry.getValue());
        }

        List<Reconstruction> output = RetrieverTestKit.decodeReconstructions(
                RetrieverTestKit.readAll(broker, topics.reconstructions(), true));
        assertThat(output).hasSize(GOOD_PROBES);
        assertThat(output.stream().map(Reconstruction::getProbeId).distinct()).hasSize(GOOD_PROBES);
    }

    /** Returns one bad probe per reason, keyed by the reason code the retriever must report. */
    private static Map<String, byte[]> badProbes(String experiment, byte[] pixels) {
        Map<String, byte[]> bad = new LinkedHashMap<>();

        byte[] random = new byte[300];
        new Random(5).nextBytes(random);
        random[0] = 0x17;
        bad.put("BAD_HEADER", random);

        byte[] valid = CODEC.encode(null, probe(experiment, "valid", pixels, null, "test-00000"));
        bad.put("TRUNCATED", Arrays.copyOf(valid, valid.length / 2));

        byte[] unknownSchema = valid.clone();
        unknownSchema[4] ^= 0x3C;
        bad.put("UNKNOWN_FINGERPRINT", unknownSchema);

        bad.put("WRONG_PIXEL_COUNT", CODEC.encode(null,
                probe(experiment, "short", Arrays.copyOf(pixels, 1000), null, "test-00000")));

        byte[] mask = new byte[3072];
        Arrays.fill(mask, (byte) 1);
        mask[7] = 9;
        bad.put("INVALID_MASK_VALUE", CODEC.encode(null, probe(experiment, "mask", pixels, mask, "test-00000")));

        bad.put("NO_KNOWN_PIXELS", CODEC.encode(null,
                probe(experiment, "all-missing", pixels, new byte[3072], "test-00000")));

        bad.put("UNKNOWN_PATTERN", CODEC.encode(null, probe(experiment, "stranger", pixels, null, "train-49999")));
        return bad;
    }

    private static Probe probe(String experiment, String probeId, byte[] pixels, byte[] mask, String truth) {
        return Probe.newBuilder()
                .setExperimentId(experiment)
                .setProbeId(experiment + "-" + probeId)
                .setProbeIndex(1_000)
                .setTruthPatternId(truth)
                .setLabel(3)
                .setCorruption(new Corruption("none", 0.0, "none", 0L))
                .setKnownMask(mask == null ? null : ByteBuffer.wrap(mask))
                .setPixels(ByteBuffer.wrap(pixels))
                .setCreatedAtMs(System.currentTimeMillis())
                .build();
    }

    /** Sends raw values keyed by their reason code and returns where each landed. */
    private static Map<String, RecordMetadata> send(TestBroker broker, String topic, Map<String, byte[]> values)
            throws Exception {
        Map<String, Object> config = RetrieverTestKit.kafka(broker);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Map<String, RecordMetadata> written = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (Map.Entry<String, byte[]> entry : values.entrySet()) {
                byte[] key = entry.getKey().getBytes(StandardCharsets.UTF_8);
                written.put(entry.getKey(), producer.send(new ProducerRecord<>(topic, key, entry.getValue())).get());
            }
        }
        return written;
    }
}
