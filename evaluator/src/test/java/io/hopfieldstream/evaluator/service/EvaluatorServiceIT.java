package io.hopfieldstream.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hopfieldstream.broker.testing.KafkaBrokerTest;
import io.hopfieldstream.broker.testing.TestBroker;
import io.hopfieldstream.evaluator.http.MetricsJson;
import io.hopfieldstream.evaluator.testing.Records;
import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.deadletter.DeadLetterHeaders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the evaluator service on a real broker. The metrics served over HTTP must equal those on the metrics
 * topic, and bad records must reach the dead-letter topic under exactly-once processing. A restarted evaluator must
 * restore its state before it reports ready.
 */
@KafkaBrokerTest
class EvaluatorServiceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path stateDir;

    @Test
    void httpMetricsEqualTopic(TestBroker broker) throws Exception {
        PipelineTopics topics = new PipelineTopics(broker);
        topics.sendPatterns(storedPatterns());
        long base = windowAlignedNow();

        try (EvaluatorService evaluator = EvaluatorService.start(topics.settings(stateDir))) {
            assertThat(evaluator.awaitReady(TIMEOUT)).isTrue();
            topics.sendReconstructions(fourReconstructions("exp", "run-1", base));
            topics.sendRawReconstruction("garbage", "not avro".getBytes(StandardCharsets.UTF_8));
            topics.sendReconstructions(List.of(withTruth(reconstruction("exp", "run-1", "u", base + 2_000, 0), "p404")));

            String group = "exp/run-1/gaussian:25";
            await().atMost(TIMEOUT).untilAsserted(() -> {
                WindowMetrics cumulative = topics.latestMetrics().get(group + "/cumulative");
                assertThat(cumulative).isNotNull();
                assertThat(cumulative.getCount()).isEqualTo(4L);
            });
            Map<String, WindowMetrics> onTopic = topics.latestMetrics();

            WindowMetrics cumulative = onTopic.get(group + "/cumulative");
            assertThat(cumulative.getCorrectCount()).isEqualTo(2L);
            assertThat(cumulative.getAccuracy()).isEqualTo(0.5);
            assertThat(cumulative.getSimilarityLoss()).isEqualTo(0.59375);
            assertThat(cumulative.getExactMatchRate()).isEqualTo(0.75);
            assertThat(cumulative.getWindowStartMs()).isEqualTo(base + 1_000);
            assertThat(cumulative.getWindowEndMs()).isEqualTo(base + 7_000);
            assertThat(onTopic.get(group + "/count").getCount()).isEqualTo(3L);
            assertThat(onTopic.get(group + "/hopping/" + (base - 5_000)).getCount()).isEqualTo(2L);
            assertThat(onTopic.get(group + "/hopping/" + base).getCount()).isEqualTo(4L);
            assertThat(onTopic.get(group + "/hopping/" + (base + 5_000)).getCount()).isEqualTo(2L);

            JsonNode run = getJson(evaluator, "/metrics/runs/exp/run-1");
            JsonNode groupJson = run.get("groups").get(0);
            assertThat(withoutEmittedAt(groupJson.get("cumulative"))).isEqualTo(withoutEmittedAt(cumulative));
            assertThat(withoutEmittedAt(groupJson.get("count"))).isEqualTo(withoutEmittedAt(onTopic.get(group + "/count")));
            assertThat(hoppingByKey(groupJson, group)).isEqualTo(hoppingOnTopic(onTopic, group));
            assertThat(groupJson.get("lateRecords").asLong()).isZero();

            JsonNode runs = getJson(evaluator, "/metrics/runs");
            assertThat(runs.get("runs")).hasSize(1);
            assertThat(runs.get("runs").get(0).get("runId").asText()).isEqualTo("run-1");
            assertThat(runs.get("runs").get(0).get("count").asLong()).isEqualTo(4L);

            assertThat(get(evaluator, "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(evaluator, "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(evaluator, "/metrics/runs/exp/unknown").statusCode()).isEqualTo(404);

            String prometheus = get(evaluator, "/prometheus").body();
            assertThat(prometheus).contains("hopfield_evaluator_accuracy{corruption_kind=\"gaussian\","
                    + "corruption_level=\"25\",experiment=\"exp\",run=\"run-1\"} 0.5");
            assertThat(prometheus).contains("hopfield_evaluator_similarity_loss{");
            assertThat(prometheus).contains("kafka_stream_");

            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(topics.readDeadLetters()).hasSize(2));
            List<String> reasons = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> deadLetter : topics.readDeadLetters()) {
                reasons.add(new String(deadLetter.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                        StandardCharsets.UTF_8));
            }
            assertThat(reasons).containsExactlyInAnyOrder("BAD_HEADER", "UNKNOWN_TRUTH_PATTERN");
            assertThat(prometheus).contains("hopfield_evaluator_rejected_records_total{reason=\"UNKNOWN_TRUTH_PATTERN\"}");
        }
    }

    @Test
    void restartRestoresStateBeforeReady(TestBroker broker) throws Exception {
        PipelineTopics topics = new PipelineTopics(broker);
        topics.sendPatterns(storedPatterns());
        long base = windowAlignedNow();
        List<Reconstruction> all = fourReconstructions("exp", "run-2", base);
        String group = "exp/run-2/gaussian:25";

        try (EvaluatorService first = EvaluatorService.start(topics.settings(stateDir.resolve("first")))) {
            assertThat(first.awaitReady(TIMEOUT)).isTrue();
            topics.sendReconstructions(all.subList(0, 2));
            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() ->
                    assertThat(first.metrics().run("exp", "run-2").orElseThrow().groups().get(0).cumulative()
                            .getCount()).isEqualTo(2L));
        }

        // A new state directory forces a full restore from the changelog topics.
        try (EvaluatorService second = EvaluatorService.start(topics.settings(stateDir.resolve("second")))) {
            assertThat(second.isReady()).isFalse();
            assertThat(get(second, "/health/ready").statusCode()).isEqualTo(503);

            assertThat(second.awaitReady(TIMEOUT)).isTrue();
            WindowMetrics restored = second.metrics().run("exp", "run-2").orElseThrow().groups().get(0).cumulative();
            assertThat(restored.getCount()).isEqualTo(2L);

            topics.sendReconstructions(all.subList(2, 4));
            await().atMost(TIMEOUT).untilAsserted(() -> {
                WindowMetrics cumulative = topics.latestMetrics().get(group + "/cumulative");
                assertThat(cumulative.getCount()).isEqualTo(4L);
            });

            Map<String, WindowMetrics> onTopic = topics.latestMetrics();
            WindowMetrics cumulative = onTopic.get(group + "/cumulative");
            assertThat(cumulative.getCorrectCount()).isEqualTo(2L);
            assertThat(cumulative.getSimilarityLoss()).isEqualTo(0.59375);
            assertThat(cumulative.getExactMatchRate()).isEqualTo(0.75);
            assertThat(cumulative.getLatencyP50Ms()).isEqualTo(20.0);
            WindowMetrics counted = onTopic.get(group + "/count");
            assertThat(counted.getCount()).isEqualTo(3L);
            assertThat(counted.getSimilarityLoss()).isEqualTo(0.59375);
            assertThat(onTopic.get(group + "/hopping/" + base).getCount()).isEqualTo(4L);
        }
    }

    private static Map<String, MemoryPattern> storedPatterns() {
        Map<String, MemoryPattern> stored = new HashMap<>();
        stored.put("p1", Records.pattern("p1", Records.base()));
        stored.put("p2", Records.pattern("p2", Records.withCorrelation(1536)));
        return stored;
    }

    /** Returns reconstructions of similarity 1, 0.96875, 0.9375 and 0.5 with latencies 10, 20, 30, 40 ms. */
    private static List<Reconstruction> fourReconstructions(String experimentId, String runId, long base) {
        return List.of(
                withLatency(reconstruction(experimentId, runId, "a", base + 1_000, 0), 10),
                withLatency(reconstruction(experimentId, runId, "b", base + 3_000, 48), 20),
                withLatency(withRetrieved(reconstruction(experimentId, runId, "c", base + 6_000, 96), "p2"), 30),
                withLatency(reconstruction(experimentId, runId, "d", base + 7_000, 768), 40));
    }

    private static Reconstruction reconstruction(String experimentId, String runId, String probeId,
            long retrievedAtMs, int flipped) {
        return Records.reconstruction(experimentId, runId, probeId)
                .setPixels(ByteBuffer.wrap(Records.withCorrelation(flipped)))
                .setRetrievedAtMs(retrievedAtMs)
                .setProbeCreatedAtMs(retrievedAtMs - 5)
                .build();
    }

    private static Reconstruction withLatency(Reconstruction reconstruction, long latencyMs) {
        return Reconstruction.newBuilder(reconstruction)
                .setProbeCreatedAtMs(reconstruction.getRetrievedAtMs() - latencyMs)
                .build();
    }

    private static Reconstruction withRetrieved(Reconstruction reconstruction, String patternId) {
        return Reconstruction.newBuilder(reconstruction).setRetrievedPatternId(patternId).build();
    }

    private static Reconstruction withTruth(Reconstruction reconstruction, String patternId) {
        return Reconstruction.newBuilder(reconstruction).setTruthPatternId(patternId).build();
    }

    /** Returns the current time rounded down to 10 s, so hopping windows of 10 s start on it. */
    private static long windowAlignedNow() {
        return System.currentTimeMillis() / 10_000 * 10_000;
    }

    private HttpResponse<String> get(EvaluatorService evaluator, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + evaluator.httpPort() + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(EvaluatorService evaluator, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(evaluator, path);
        assertThat(response.statusCode()).as("status of %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode withoutEmittedAt(WindowMetrics metrics) throws IOException {
        return withoutEmittedAt(JSON.readTree(new MetricsJson().write(MetricsJson.toMap(metrics))));
    }

    private static JsonNode withoutEmittedAt(JsonNode metrics) {
        ObjectNode copy = metrics.deepCopy();
        copy.remove("emittedAtMs");
        return copy;
    }

    private static Map<Long, JsonNode> hoppingByKey(JsonNode group, String groupKey) {
        Map<Long, JsonNode> windows = new HashMap<>();
        group.get("hopping").forEach(window ->
                windows.put(window.get("windowStartMs").asLong(), withoutEmittedAt(window)));
        return windows;
    }

    private static Map<Long, JsonNode> hoppingOnTopic(Map<String, WindowMetrics> onTopic, String groupKey)
            throws IOException {
        Map<Long, JsonNode> windows = new HashMap<>();
        for (Map.Entry<String, WindowMetrics> entry : onTopic.entrySet()) {
            if (entry.getKey().startsWith(groupKey + "/hopping/")) {
                windows.put(entry.getValue().getWindowStartMs(), withoutEmittedAt(entry.getValue()));
            }
        }
        return windows;
    }
}
