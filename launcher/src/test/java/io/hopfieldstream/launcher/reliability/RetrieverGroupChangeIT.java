package io.hopfieldstream.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.publish.ProbeSummary;
import io.hopfieldstream.retriever.memory.MemoryVersion;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.service.BatchHook;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.schemas.Reconstruction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group of two retriever instances that gains a third and loses one to a crash while probes
 * keep coming. Every probe must have exactly one committed reconstruction, and the instance that
 * joins must hold the whole memory when it retrieves its first batch.
 */
@KafkaBrokerTest
class RetrieverGroupChangeIT {

    private static final Logger LOG = LoggerFactory.getLogger(RetrieverGroupChangeIT.class);

    private static final int MEMORY_SIZE = 200;
    private static final int PROBES = 900;

    @Test
    void joinAndCrashKeepOneReconstructionPerProbe(TestBroker broker) throws Exception {
        PipelineFixture pipeline = new PipelineFixture(broker, 6, 3);
        List<CifarImage> images = PipelineFixture.images(MEMORY_SIZE);
        pipeline.publishMemory(images);
        String experiment = broker.uniqueName("group-change");
        String group = broker.uniqueName("retriever");

        Map<String, Object> kafka = pipeline.kafkaWithShortSession();
        // A crashed instance's open transaction holds back read_committed readers of its partitions until
        // the broker aborts it after this timeout (Kafka's default is 60 s).
        kafka.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);

        AtomicReference<RetrieverService> joining = new AtomicReference<>();
        AtomicReference<MemoryVersion> memoryAtFirstBatch = new AtomicReference<>();
        BatchHook recordMemory = (batchNumber, probes) -> {
            if (batchNumber == 1) {
                memoryAtFirstBatch.set(joining.get().memory());
            }
        };

        PipelineFixture.ProbeStream stream = pipeline.streamProbes(images,
                pipeline.probeSettings(experiment, 111L).withCount(PROBES).withRate(60));
        RetrieverService crashing = PipelineFixture.startRetriever(
                pipeline.retrieverSettings(group, "node-a").build(), kafka, BatchHook.NONE);
        RetrieverService staying = PipelineFixture.startRetriever(
                pipeline.retrieverSettings(group, "node-b").build(), kafka, BatchHook.NONE);
        RetrieverService joined = null;
        ProbeSummary published;
        try {
            await().atMost(PipelineFixture.TIMEOUT)
                    .until(() -> crashing.totals().retrieved() > 0 && staying.totals().retrieved() > 0);

            RetrieverService newcomer = new RetrieverService(
                    pipeline.retrieverSettings(group, "node-c").build(), kafka,
                    Nd4jCpuBackend::new, new SimpleMeterRegistry(), recordMemory);
            joining.set(newcomer);
            joined = newcomer;
            newcomer.start();
            await().atMost(PipelineFixture.TIMEOUT).until(() -> newcomer.totals().retrieved() > 0);

            crashing.halt();
            await().atMost(PipelineFixture.TIMEOUT).until(() -> crashing.state() == RetrieverService.State.HALTED);
            published = stream.finish();
            await().atMost(PipelineFixture.TIMEOUT).until(() -> crashing.totals().retrieved()
                    + staying.totals().retrieved() + newcomer.totals().retrieved() >= published.probes());

            assertThat(crashing.totals().retrieved() + staying.totals().retrieved() + newcomer.totals().retrieved())
                    .as("probes committed by the three instances").isEqualTo(PROBES);
            assertThat(staying.state()).isEqualTo(RetrieverService.State.RUNNING);
            assertThat(newcomer.state()).isEqualTo(RetrieverService.State.RUNNING);
            assertThat(crashing.totals().partitionsRevoked() + staying.totals().partitionsRevoked())
                    .as("partitions handed to the instance that joined").isPositive();
        } finally {
            crashing.close();
            staying.close();
            if (joined != null) {
                joined.close();
            }
        }

        MemoryVersion firstBatchMemory = memoryAtFirstBatch.get();
        assertThat(firstBatchMemory).as("memory of the joined instance at its first batch").isNotNull();
        assertThat(firstBatchMemory.size()).isEqualTo(MEMORY_SIZE);
        assertThat(firstBatchMemory.fingerprint()).isEqualTo(staying.memory().fingerprint());

        // The crashed instance's transaction stays open until the broker aborts it after the transaction
        // timeout, and read_committed readers of its partitions receive nothing after its first record until then.
        long waitStart = System.nanoTime();
        await().atMost(PipelineFixture.TIMEOUT).until(() -> pipeline.reconstructions().size() >= PROBES);
        long visibleAfterMs = (System.nanoTime() - waitStart) / 1_000_000;

        List<Reconstruction> reconstructions = pipeline.reconstructions();
        PipelineFixture.assertOnePerProbe(reconstructions, pipeline.probeIds());
        assertThat(reconstructions.stream().map(Reconstruction::getRunId).distinct()).as("run ids").hasSize(1);
        assertThat(reconstructions.stream()
                .filter(r -> Objects.equals(r.getRetrievedPatternId(), r.getTruthPatternId())))
                .as("reconstructions that retrieved their truth pattern").hasSize(PROBES);
        assertThat(pipeline.deadLetters()).isEmpty();
        LOG.info("Committed {} probes in the group; read_committed readers saw all of them {} ms after the last"
                + " commit", PROBES, visibleAfterMs);
    }
}
