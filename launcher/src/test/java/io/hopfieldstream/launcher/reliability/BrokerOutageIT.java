package io.hopfieldstream.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.evaluator.service.EvaluatorService;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.publish.ProbeSettings;
import io.hopfieldstream.producer.publish.ProbeSummary;
import io.hopfieldstream.retriever.service.BatchHook;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.schemas.WindowMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker stopped for 10 s and started again on the same log directory and port while the
 * probe publisher, the retriever and the evaluator run. None of them is restarted: each must
 * reconnect by itself, and at the end every probe must be reconstructed once and counted once in
 * the evaluator's metrics.
 */
@KafkaBrokerTest(restartable = true)
class BrokerOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageIT.class);

    private static final int MEMORY_SIZE = 200;
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @TempDir
    Path stateDir;

    @Test
    void servicesRecoverFromBrokerOutage(TestBroker broker) throws Exception {
        PipelineFixture pipeline = new PipelineFixture(broker, 3, 3);
        List<CifarImage> images = PipelineFixture.images(MEMORY_SIZE);
        pipeline.publishMemory(images);
        String experiment = broker.uniqueName("outage");

        try (LogCapture evaluatorLog = LogCapture.of(EvaluatorService.class);
                EvaluatorService evaluator = EvaluatorService.start(pipeline.evaluatorSettings(
                        broker.uniqueName("evaluator"), pipeline.metricsTopic(), stateDir));
                RetrieverService retriever = PipelineFixture.startRetriever(
                        pipeline.retrieverSettings(broker.uniqueName("retriever"), "outage-1").build(),
                        pipeline.kafka(), BatchHook.NONE)) {
            assertThat(evaluator.awaitReady(PipelineFixture.TIMEOUT)).isTrue();
            String runId = retriever.runId();
            PipelineFixture.ProbeStream stream = pipeline.streamProbes(images,
                    pipeline.probeSettings(experiment, 121L).withCount(ProbeSettings.UNLIMITED_COUNT).withRate(40));
            await().atMost(PipelineFixture.TIMEOUT)
                    .until(() -> PipelineFixture.cumulativeCount(evaluator, experiment, runId) >= 40);

            broker.stop();
            long committedAtStop = retriever.totals().retrieved();
            // Holds the outage for its full length and checks that nothing commits without a broker.
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30))
                    .until(() -> retriever.totals().retrieved() == committedAtStop);
            broker.start();
            long restartNanos = System.nanoTime();
            long scoredAtRestart = PipelineFixture.cumulativeCount(evaluator, experiment, runId);

            await().atMost(PipelineFixture.TIMEOUT).until(() -> retriever.totals().retrieved() > committedAtStop);
            long retrieverRecoveryMs = (System.nanoTime() - restartNanos) / 1_000_000;
            await().atMost(PipelineFixture.TIMEOUT)
                    .until(() -> PipelineFixture.cumulativeCount(evaluator, experiment, runId) > scoredAtRestart);
            long evaluatorRecoveryMs = (System.nanoTime() - restartNanos) / 1_000_000;
            // Probes keep flowing for a while after the backlog of the outage is done.
            await().atMost(PipelineFixture.TIMEOUT)
                    .until(() -> retriever.totals().retrieved() >= committedAtStop + 400);
            ProbeSummary published = stream.stop();
            await().atMost(PipelineFixture.TIMEOUT)
                    .until(() -> PipelineFixture.cumulativeCount(evaluator, experiment, runId) >= published.probes());

            assertThat(retriever.totals().retrieved()).as("probes retrieved").isEqualTo(published.probes());
            assertThat(PipelineFixture.cumulativeCount(evaluator, experiment, runId)).as("probes scored")
                    .isEqualTo(published.probes());
            assertThat(retriever.state()).isEqualTo(RetrieverService.State.RUNNING);
            assertThat(retriever.failure()).isEmpty();
            assertThat(retriever.totals().partitionsLost()).as("partitions the retriever lost").isZero();
            assertThat(evaluator.isReady()).isTrue();
            assertThat(evaluator.rejections().total()).isZero();
            assertThat(evaluatorLog.messagesContaining("Replacing a stream thread")).isEmpty();

            List<String> probeIds = pipeline.probeIds();
            assertThat(probeIds).as("probes on the topic, none sent twice").hasSize((int) published.probes());
            PipelineFixture.assertOnePerProbe(pipeline.reconstructions(), probeIds);

            await().atMost(PipelineFixture.TIMEOUT).untilAsserted(() -> {
                Map<String, WindowMetrics> metrics = pipeline.latestMetrics(pipeline.metricsTopic());
                WindowMetrics cumulative = metrics.get(experiment + "/" + runId + "/gaussian:25/cumulative");
                assertThat(cumulative).as("cumulative metrics on the topic").isNotNull();
                assertThat(cumulative.getCount()).isEqualTo(published.probes());
            });
            LOG.info("Broker outage of {} s: {} probes committed before it, first commit {} ms and first score {} ms"
                    + " after the restart, {} probes in all", OUTAGE.toSeconds(), committedAtStop,
                    retrieverRecoveryMs, evaluatorRecoveryMs, published.probes());
        }
        assertThat(pipeline.deadLetters()).isEmpty();
    }
}
