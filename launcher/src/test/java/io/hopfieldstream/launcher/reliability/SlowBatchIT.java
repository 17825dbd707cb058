package io.hopfieldstream.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.publish.ProbeSummary;
import io.hopfieldstream.retriever.service.BatchHook;
import io.hopfieldstream.retriever.service.RetrieverMetrics;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.retriever.service.RetrieverSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch that computes for longer than both the poll interval and the transaction timeout, on one
 * of two instances of a group, while probes keep coming. The Kafka defaults of both are minutes
 * (max.poll.interval.ms 300 s, transaction.timeout.ms 60 s), so the test sets both to 3 s and makes
 * one batch take 8 s. From the moment both instances serve, neither may lose or give up a partition
 * and no transaction may be aborted or fenced, and every probe must have exactly one committed
 * reconstruction.
 */
@KafkaBrokerTest
class SlowBatchIT {

    private static final Logger LOG = LoggerFactory.getLogger(SlowBatchIT.class);

    private static final int MEMORY_SIZE = 200;
    private static final int PROBES = 600;
    private static final Duration SHORT_INTERVAL = Duration.ofSeconds(3);
    private static final Duration SLOW_BATCH = Duration.ofSeconds(8);

    @Test
    void slowBatchCausesNoRebalanceOrAbort(TestBroker broker) throws Exception {
        PipelineFixture pipeline = new PipelineFixture(broker, 4, 3);
        List<CifarImage> images = PipelineFixture.images(MEMORY_SIZE);
        pipeline.publishMemory(images);
        String experiment = broker.uniqueName("slow");
        String group = broker.uniqueName("retriever");

        Map<String, Object> kafka = pipeline.kafkaWithShortSession();
        kafka.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) SHORT_INTERVAL.toMillis());
        kafka.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) SHORT_INTERVAL.toMillis());

        AtomicBoolean slowNextBatch = new AtomicBoolean();
        AtomicLong slowBatchNanos = new AtomicLong();
        BatchHook slowOnce = (batchNumber, probes) -> {
            if (slowNextBatch.compareAndSet(true, false)) {
                long start = System.nanoTime();
                Thread.sleep(SLOW_BATCH.toMillis());
                slowBatchNanos.set(System.nanoTime() - start);
            }
        };
        RetrieverSettings first = pipeline.retrieverSettings(group, "slow-a").build();
        RetrieverSettings second = pipeline.retrieverSettings(group, "slow-b").build();

        PipelineFixture.ProbeStream stream = pipeline.streamProbes(images,
                pipeline.probeSettings(experiment, 101L).withCount(PROBES).withRate(40));
        try (RetrieverService slow = PipelineFixture.startRetriever(first, kafka, slowOnce)) {
            await().atMost(PipelineFixture.TIMEOUT).until(() -> slow.totals().retrieved() > 0);
            try (RetrieverService steady = PipelineFixture.startRetriever(second, kafka, BatchHook.NONE)) {
                await().atMost(PipelineFixture.TIMEOUT).until(() -> steady.totals().retrieved() > 0);
                RetrieverMetrics.Totals slowBefore = slow.totals();
                RetrieverMetrics.Totals steadyBefore = steady.totals();

                slowNextBatch.set(true);
                await().atMost(PipelineFixture.TIMEOUT).until(() -> slowBatchNanos.get() > 0);
                ProbeSummary published = stream.finish();
                await().atMost(PipelineFixture.TIMEOUT)
                        .until(() -> slow.totals().retrieved() + steady.totals().retrieved() >= published.probes());

                RetrieverMetrics.Totals slowAfter = slow.totals();
                RetrieverMetrics.Totals steadyAfter = steady.totals();
                assertThat(Duration.ofNanos(slowBatchNanos.get())).as("time of the slow batch")
                        .isGreaterThanOrEqualTo(SLOW_BATCH);
                assertThat(slowAfter.retrieved() + steadyAfter.retrieved()).isEqualTo(PROBES);
                assertThat(slowAfter.retrieved()).as("probes retrieved by the slow instance after its slow batch")
                        .isGreaterThan(slowBefore.retrieved());
                assertThat(slowAfter.partitionsRevoked()).as("partitions revoked from the slow instance")
                        .isEqualTo(slowBefore.partitionsRevoked());
                assertThat(slowAfter.partitionsLost()).as("partitions the slow instance lost").isZero();
                assertThat(steadyAfter.partitionsRevoked()).as("partitions revoked from the steady instance")
                        .isEqualTo(steadyBefore.partitionsRevoked());
                assertThat(steadyAfter.partitionsLost()).as("partitions the steady instance lost").isZero();
                assertThat(slowAfter.batchesAborted()).as("batches the slow instance aborted")
                        .isEqualTo(slowBefore.batchesAborted());
                assertThat(steadyAfter.batchesAborted()).as("batches the steady instance aborted")
                        .isEqualTo(steadyBefore.batchesAborted());
                assertThat(slow.state()).isEqualTo(RetrieverService.State.RUNNING);
                assertThat(steady.state()).isEqualTo(RetrieverService.State.RUNNING);
                LOG.info("Slow batch took {} ms against a poll interval and transaction timeout of {} ms; retrieved"
                        + " {} + {} probes, revoked partitions {} and {} before and after it",
                        slowBatchNanos.get() / 1_000_000, SHORT_INTERVAL.toMillis(), slowAfter.retrieved(),
                        steadyAfter.retrieved(), slowBefore.partitionsRevoked() + steadyBefore.partitionsRevoked(),
                        slowAfter.partitionsRevoked() + steadyAfter.partitionsRevoked());
            }
        }

        PipelineFixture.assertOnePerProbe(pipeline.reconstructions(), pipeline.probeIds());
    }
}
