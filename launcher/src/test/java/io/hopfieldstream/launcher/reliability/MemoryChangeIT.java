package io.hopfieldstream.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.publish.ProbeSummary;
import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import io.hopfieldstream.retriever.service.BatchHook;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.serde.RecordCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory bank changing in four steps (20 patterns added and 20 tombstoned each) while probes
 * stream through the retriever. A recording backend keeps every batch with the memory snapshot it
 * was given. Each snapshot must be the memory after exactly the first {@code version} records of
 * the memory topic, so no batch reads a half-applied update. Each batch's results must equal those
 * of a fresh backend on that snapshot, so the service's prepared matrices never lag or mix
 * versions. Each reconstruction on the topic must be the recorded result of its probe.
 *
 * <p>beta is low (4) so every stored pattern gets a visible share of the attention: a reconstruction
 * is a mixture of the whole memory, and any difference in the memory shows in its pixels.
 */
@KafkaBrokerTest
class MemoryChangeIT {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryChangeIT.class);
    private static final RecordCodec<Probe> PROBES = RecordCodec.forClass(Probe.class);
    private static final int MEMORY_SIZE = 200;
    private static final int STABLE_PATTERNS = 100;
    private static final int CHANGE_STEPS = 4;
    private static final int PATTERNS_PER_STEP = 20;
    private static final int PROBE_COUNT = 600;
    private static final double BETA = 4.0;

    @Test
    void everyBatchUsesOneMemoryVersion(TestBroker broker) throws Exception {
        PipelineFixture pipeline = new PipelineFixture(broker, 3, 3);
        List<CifarImage> images = PipelineFixture.images(MEMORY_SIZE + CHANGE_STEPS * PATTERNS_PER_STEP);
        pipeline.publishMemory(images.subList(0, MEMORY_SIZE));
        String experiment = broker.uniqueName("memory-change");
        RetrievalSettings retrieval = RetrievalSettings.defaults().withBeta(BETA);

        Queue<RecordingBackend.Batch> batches = new ConcurrentLinkedQueue<>();
        try (RetrieverService retriever = PipelineFixture.startRetriever(
                pipeline.retrieverSettings(broker.uniqueName("retriever"), "memory-change-1")
                        .retrieval(retrieval)
                        .batchSize(16)
                        .build(),
                pipeline.kafka(), settings -> new RecordingBackend(new Nd4jCpuBackend(settings), batches),
                BatchHook.NONE)) {
            PipelineFixture.ProbeStream stream = pipeline.streamProbes(images.subList(0, STABLE_PATTERNS),
                    pipeline.probeSettings(experiment, 141L).withCount(PROBE_COUNT).withRate(60));

            for (int step = 0; step < CHANGE_STEPS; step++) {
                long retrievedBefore = (long) (step + 1) * PROBE_COUNT / (CHANGE_STEPS + 1);
                await().atMost(PipelineFixture.TIMEOUT).until(() -> retriever.totals().retrieved() >= retrievedBefore);
                int added = MEMORY_SIZE + step * PATTERNS_PER_STEP;
                int removed = STABLE_PATTERNS + step * PATTERNS_PER_STEP;
                pipeline.publishMemory(images.subList(added, added + PATTERNS_PER_STEP));
                pipeline.removeFromMemory(images.subList(removed, removed + PATTERNS_PER_STEP).stream()
                        .map(CifarImage::patternId).toList());
            }

            ProbeSummary published = stream.finish();
            await().atMost(PipelineFixture.TIMEOUT).until(() -> retriever.totals().retrieved() >= published.probes());
            assertThat(retriever.totals().retrieved()).isEqualTo(PROBE_COUNT);
            assertThat(retriever.memory().version()).as("memory version after every change")
                    .isEqualTo(MEMORY_SIZE + 2L * CHANGE_STEPS * PATTERNS_PER_STEP);
        }

        List<List<String>> memoryAfter = memoryAfterEachRecord(pipeline);
        Map<Long, List<RecordingBackend.Batch>> byVersion = new TreeMap<>();
        for (RecordingBackend.Batch batch : batches) {
            MemorySnapshot memory = batch.memory();
            List<String> rows = memory.patterns().stream().map(StoredPattern::patternId).toList();
            assertThat(memory.version()).as("version of a snapshot").isLessThan(memoryAfter.size());
            assertThat(rows).as("rows of memory version %s", memory.version())
                    .isEqualTo(memoryAfter.get((int) memory.version()));
            byVersion.computeIfAbsent(memory.version(), version -> new ArrayList<>()).add(batch);
        }

        for (List<RecordingBackend.Batch> sameVersion : byVersion.values()) {
            try (Nd4jCpuBackend fresh = new Nd4jCpuBackend(retrieval)) {
                for (RecordingBackend.Batch batch : sameVersion) {
                    List<RetrievalResult> expected = fresh.retrieve(batch.memory(), batch.probes());
                    for (int i = 0; i < expected.size(); i++) {
                        assertSameResult(batch.results().get(i), expected.get(i), batch.memory().version());
                    }
                }
            }
        }

        Map<ByteBuffer, Recorded> recordedByPixels = new HashMap<>();
        for (RecordingBackend.Batch batch : batches) {
            for (int i = 0; i < batch.probes().size(); i++) {
                recordedByPixels.put(ByteBuffer.wrap(batch.probes().pixels().get(i)),
                        new Recorded(batch.memory(), batch.results().get(i)));
            }
        }
        Map<String, byte[]> probePixels = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : pipeline.readAll(pipeline.topics().probes(),
                IsolationLevel.READ_COMMITTED)) {
            Probe probe = PROBES.decode(record.topic(), record.value());
            probePixels.put(probe.getProbeId(), bytes(probe.getPixels()));
        }

        List<Reconstruction> reconstructions = pipeline.reconstructions();
        PipelineFixture.assertOnePerProbe(reconstructions, pipeline.probeIds());
        Map<Long, Integer> reconstructionsPerVersion = new TreeMap<>();
        for (Reconstruction reconstruction : reconstructions) {
            Recorded recorded = recordedByPixels.get(ByteBuffer.wrap(probePixels.get(reconstruction.getProbeId())));
            assertThat(recorded).as("recorded batch of probe %s", reconstruction.getProbeId()).isNotNull();
            String retrievedId = recorded.memory().patterns().get(recorded.result().retrievedIndex()).patternId();

            assertThat(reconstruction.getRetrievedPatternId()).as("retrieved pattern of %s", reconstruction.getProbeId())
                    .isEqualTo(retrievedId);
            assertThat(reconstruction.getRetrievedWeight()).isEqualTo(recorded.result().retrievedWeight());
            assertThat(bytes(reconstruction.getPixels())).as("pixels of %s", reconstruction.getProbeId())
                    .isEqualTo(recorded.result().reconstruction());
            reconstructionsPerVersion.merge(recorded.memory().version(), 1, Integer::sum);
        }
        assertThat(reconstructionsPerVersion).as("reconstructions per memory version").hasSizeGreaterThanOrEqualTo(3);
        LOG.info("Memory versions used by batches: {}; reconstructions per version: {}", byVersion.keySet(),
                reconstructionsPerVersion);
    }

    /** Returns the memory's rows after each prefix of the memory topic: entry v contains them after v records. */
    private static List<List<String>> memoryAfterEachRecord(PipelineFixture pipeline) {
        List<List<String>> states = new ArrayList<>();
        Map<String, Boolean> rows = new LinkedHashMap<>();
        states.add(List.of());
        for (ConsumerRecord<byte[], byte[]> record : pipeline.readAll(pipeline.topics().memoryPatterns(),
                IsolationLevel.READ_COMMITTED)) {
            String patternId = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                rows.remove(patternId);
            } else {
                rows.put(patternId, Boolean.TRUE);
            }
            states.add(List.copyOf(rows.keySet()));
        }
        return states;
    }

    private static void assertSameResult(RetrievalResult actual, RetrievalResult expected, long version) {
        assertThat(actual.retrievedIndex()).as("retrieved row at memory version %s", version)
                .isEqualTo(expected.retrievedIndex());
        assertThat(actual.retrievedWeight()).as("attention weight at memory version %s", version)
                .isCloseTo(expected.retrievedWeight(), within(1e-6));
        assertThat(actual.attentionSpread()).isEqualTo(expected.attentionSpread());
        byte[] actualPixels = actual.reconstruction();
        byte[] expectedPixels = expected.reconstruction();
        assertThat(actualPixels).hasSameSizeAs(expectedPixels);
        for (int i = 0; i < expectedPixels.length; i++) {
            int difference = Math.abs((actualPixels[i] & 0xFF) - (expectedPixels[i] & 0xFF));
            assertThat(difference).as("pixel %s at memory version %s", i, version).isLessThanOrEqualTo(1);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    /** The memory and result a probe was retrieved with. */
    private record Recorded(MemorySnapshot memory, RetrievalResult result) {
    }
}
