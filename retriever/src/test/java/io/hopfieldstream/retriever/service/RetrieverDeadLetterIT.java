package io.hopfieldstream.retriever.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.RetrievalBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Bad probes among good ones: each lands in the dead-letter topic with its reason, the rest are
 * retrieved, including a probe that only the backend rejects.
 */
@KafkaBrokerTest
class RetrieverDeadLetterIT {

    private static final RecordCodec<Probe> CODEC = RecordCodec.forClass(Probe.class);
    private static final int GOOD_PROBES = 40;
    private static final byte REJECTED_PIXEL = 123;

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

    @Test
    void backendRejectionDeadLettersOneProbe(TestBroker broker) throws Exception {
        List<CifarImage> images = RetrieverTestKit.firstTestImages(200);
        RetrieverTopics topics = RetrieverTestKit.createTopics(broker);
        String experiment = broker.uniqueName("rejected");
        RetrieverTestKit.publishMemory(broker, topics.memoryPatterns(), images);
        RetrieverTestKit.publishProbes(broker, topics.probes(), experiment, "gaussian:25", images, GOOD_PROBES / 2,
                43L, 0);

        byte[] marked = new byte[3072];
        Arrays.fill(marked, REJECTED_PIXEL);
        byte[] value = CODEC.encode(null, probe(experiment, "marked", marked, null, "test-00000"));
        Map<String, RecordMetadata> written = send(broker, topics.probes(), Map.of("BACKEND_REJECTED", value));
        RetrieverTestKit.publishProbes(broker, topics.probes(), experiment, "gaussian:25", images, GOOD_PROBES / 2,
                44L, GOOD_PROBES / 2);

        AtomicInteger rejectedBatches = new AtomicInteger();
        RetrieverSettings settings = RetrieverSettings.builder()
                .topics(topics)
                .groupId(broker.uniqueName("retriever"))
                .instanceId("rejecting-1")
                .batchSize(16)
                .build();
        try (RetrieverService service = new RetrieverService(settings, RetrieverTestKit.kafka(broker),
                retrievalSettings -> new RejectingBackend(new Nd4jCpuBackend(retrievalSettings), rejectedBatches),
                new SimpleMeterRegistry())) {
            service.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> service.totals().retrieved() + service.totals().rejected() >= GOOD_PROBES + 1);

            assertThat(service.totals().retrieved()).isEqualTo(GOOD_PROBES);
            assertThat(service.totals().rejected()).isEqualTo(1);
            assertThat(service.state()).isEqualTo(RetrieverService.State.RUNNING);
        }
        assertThat(rejectedBatches.get()).as("the rejected batch, then the marked probe alone").isGreaterThanOrEqualTo(2);

        List<ConsumerRecord<byte[], byte[]>> deadLetters = RetrieverTestKit.readAll(broker, topics.deadLetter(), true);
        assertThat(deadLetters).hasSize(1);
        DeadLetterInfo info = DeadLetterInfo.from(deadLetters.get(0));
        assertThat(info.reason()).isEqualTo("BACKEND_REJECTED");
        assertThat(info.message()).contains(experiment + "-marked").contains("no marked probes");
        assertThat(info.sourceOffset()).isEqualTo(written.get("BACKEND_REJECTED").offset());
        assertThat(info.sourcePartition()).isEqualTo(written.get("BACKEND_REJECTED").partition());
        assertThat(deadLetters.get(0).value()).isEqualTo(value);

        List<Reconstruction> output = RetrieverTestKit.decodeReconstructions(
                RetrieverTestKit.readAll(broker, topics.reconstructions(), true));
        assertThat(output).hasSize(GOOD_PROBES);
        assertThat(output.stream().map(Reconstruction::getProbeId).distinct()).hasSize(GOOD_PROBES);
        assertThat(output).extracting(Reconstruction::getProbeId).doesNotContain(experiment + "-marked");
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

    /**
     * A backend that rejects, with an {@link IllegalArgumentException}, any batch holding a probe whose
     * pixels all equal {@link #REJECTED_PIXEL}, as a backend with an input check that the probe checks
     * lack would; it counts the batches it rejected.
     */
    private static final class RejectingBackend implements RetrievalBackend {

        private final RetrievalBackend delegate;
        private final AtomicInteger rejectedBatches;

        RejectingBackend(RetrievalBackend delegate, AtomicInteger rejectedBatches) {
            this.delegate = delegate;
            this.rejectedBatches = rejectedBatches;
        }

        @Override
        public List<RetrievalResult> retrieve(MemorySnapshot memory, ProbeBatch batch) {
            for (byte[] pixels : batch.pixels()) {
                if (allEqual(pixels, REJECTED_PIXEL)) {
                    rejectedBatches.incrementAndGet();
                    throw new IllegalArgumentException("this backend takes no marked probes");
                }
            }
            return delegate.retrieve(memory, batch);
        }

        @Override
        public String describe() {
            return "rejecting " + delegate.describe();
        }

        @Override
        public void close() {
            delegate.close();
        }

        private static boolean allEqual(byte[] values, byte expected) {
            for (byte value : values) {
                if (value != expected) {
                    return false;
                }
            }
            return true;
        }
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
