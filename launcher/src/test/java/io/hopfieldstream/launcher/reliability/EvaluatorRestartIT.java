package io.hopfieldstream.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.evaluator.http.GroupReport;
import io.hopfieldstream.evaluator.http.RunReport;
import io.hopfieldstream.evaluator.service.EvaluatorService;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.publish.ProbeSummary;
import io.hopfieldstream.retriever.service.BatchHook;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.schemas.WindowMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluator stopped and started again on an empty state directory in the middle of a run, next
 * to a reference evaluator (another application id) that runs without interruption over the same
 * reconstructions. The restarted instance must report not-ready until it has restored its stores
 * from their changelogs, and its final metrics, on its topic and over interactive queries, must
 * equal the reference's field for field, emission times aside.
 *
 * <p>The reconstruction topic has one partition, so both evaluators score the reconstructions in
 * the same order and the order-dependent values (the window of the last K, floating-point sums)
 * are comparable exactly.
 */
@KafkaBrokerTest
class EvaluatorRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluatorRestartIT.class);
    private static final int MEMORY_SIZE = 200;
    private static final int PROBES = 400;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path stateDir;

    @Test
    void restartEndsWithUninterruptedMetrics(TestBroker broker) throws Exception {
        PipelineFixture pipeline = new PipelineFixture(broker, 3, 1);
        List<CifarImage> images = PipelineFixture.images(MEMORY_SIZE);
        pipeline.publishMemory(images);
        String experiment = broker.uniqueName("evaluator-restart");
        String referenceTopic = broker.uniqueName("metrics-reference");
        broker.createTopic(referenceTopic, 1);
        String restartedId = broker.uniqueName("evaluator-restarted");

        List<String> readinessBeforeReady = new ArrayList<>();
        long countAtStop;
        long countAtReady;
        try (EvaluatorService reference = EvaluatorService.start(pipeline.evaluatorSettings(
                        broker.uniqueName("evaluator-reference"), referenceTopic, stateDir.resolve("reference")));
                RetrieverService retriever = PipelineFixture.startRetriever(
                        pipeline.retrieverSettings(broker.uniqueName("retriever"), "restart-1").build(),
                        pipeline.kafka(), BatchHook.NONE)) {
            String runId = retriever.runId();
            PipelineFixture.ProbeStream stream;
            try (EvaluatorService first = EvaluatorService.start(pipeline.evaluatorSettings(restartedId,
                    pipeline.metricsTopic(), stateDir.resolve("first")))) {
                assertThat(reference.awaitReady(PipelineFixture.TIMEOUT)).isTrue();
                assertThat(first.awaitReady(PipelineFixture.TIMEOUT)).isTrue();

                stream = pipeline.streamProbes(images,
                        pipeline.probeSettings(experiment, 131L).withCount(PROBES).withRate(40));
                await().atMost(PipelineFixture.TIMEOUT)
                        .until(() -> PipelineFixture.cumulativeCount(first, experiment, runId) >= PROBES / 4);
                countAtStop = PipelineFixture.cumulativeCount(first, experiment, runId);
            }

            // An empty state directory makes the new instance restore every store from its changelog.
            try (EvaluatorService second = EvaluatorService.start(pipeline.evaluatorSettings(restartedId,
                    pipeline.metricsTopic(), stateDir.resolve("second")))) {
                await().atMost(PipelineFixture.TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
                    HttpResponse<String> ready = get(second, "/health/ready");
                    if (ready.statusCode() != 200) {
                        readinessBeforeReady.add(ready.statusCode() + " " + ready.body());
                    }
                    return ready.statusCode() == 200;
                });
                countAtReady = PipelineFixture.cumulativeCount(second, experiment, runId);

                ProbeSummary published = stream.finish();
                assertThat(published.probes()).isEqualTo(PROBES);
                await().atMost(PipelineFixture.TIMEOUT)
                        .until(() -> PipelineFixture.cumulativeCount(reference, experiment, runId) >= PROBES
                                && PipelineFixture.cumulativeCount(second, experiment, runId) >= PROBES);

                assertThat(PipelineFixture.cumulativeCount(reference, experiment, runId)).isEqualTo(PROBES);
                assertThat(PipelineFixture.cumulativeCount(second, experiment, runId)).isEqualTo(PROBES);
                RunReport expected = reference.metrics().run(experiment, runId).orElseThrow();
                RunReport actual = second.metrics().run(experiment, runId).orElseThrow();
                assertThat(actual.groups()).hasSameSizeAs(expected.groups());
                for (int i = 0; i < expected.groups().size(); i++) {
                    assertSameGroup(actual.groups().get(i), expected.groups().get(i));
                }
            }
        }

        assertThat(readinessBeforeReady).as("readiness answers before the restored instance was ready").isNotEmpty()
                .allSatisfy(answer -> assertThat(answer).startsWith("503"));
        assertThat(countAtReady).as("cumulative count restored before ready").isGreaterThanOrEqualTo(countAtStop);

        Map<String, WindowMetrics> expectedTopic = withoutEmissionTime(pipeline.latestMetrics(referenceTopic));
        Map<String, WindowMetrics> actualTopic = withoutEmissionTime(pipeline.latestMetrics(pipeline.metricsTopic()));
        assertThat(actualTopic.keySet()).as("metrics keys").isEqualTo(expectedTopic.keySet());
        for (String key : expectedTopic.keySet()) {
            assertThat(actualTopic.get(key)).as("metrics of %s", key).isEqualTo(expectedTopic.get(key));
        }
        LOG.info("Evaluator restarted after {} of {} probes; {} not-ready answers before ready, {} counted at ready;"
                + " {} metrics keys equal the reference's", countAtStop, PROBES, readinessBeforeReady.size(),
                countAtReady, expectedTopic.size());
    }

    private static void assertSameGroup(GroupReport actual, GroupReport expected) {
        String group = expected.corruptionKind() + ":" + expected.corruptionLevel();
        assertThat(actual.corruptionKind()).isEqualTo(expected.corruptionKind());
        assertThat(actual.corruptionLevel()).isEqualTo(expected.corruptionLevel());
        assertThat(withoutEmissionTime(actual.cumulative())).as("cumulative of %s", group)
                .isEqualTo(withoutEmissionTime(expected.cumulative()));
        assertThat(withoutEmissionTime(actual.count())).as("count window of %s", group)
                .isEqualTo(withoutEmissionTime(expected.count()));
        assertThat(actual.hopping().stream().map(EvaluatorRestartIT::withoutEmissionTime).toList())
                .as("hopping windows of %s", group)
                .isEqualTo(expected.hopping().stream().map(EvaluatorRestartIT::withoutEmissionTime).toList());
        assertThat(actual.lateRecords()).as("late records of %s", group).isEqualTo(expected.lateRecords());
    }

    private static Map<String, WindowMetrics> withoutEmissionTime(Map<String, WindowMetrics> metrics) {
        Map<String, WindowMetrics> copy = new TreeMap<>();
        metrics.forEach((key, value) -> copy.put(key, withoutEmissionTime(value)));
        return copy;
    }

    private static WindowMetrics withoutEmissionTime(WindowMetrics metrics) {
        return WindowMetrics.newBuilder(metrics).setEmittedAtMs(0L).build();
    }

    private HttpResponse<String> get(EvaluatorService evaluator, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + evaluator.httpPort() + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
