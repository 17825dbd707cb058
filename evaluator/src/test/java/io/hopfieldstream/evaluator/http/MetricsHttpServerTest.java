package io.hopfieldstream.evaluator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopfieldstream.evaluator.scoring.ReconstructionScore;
import io.hopfieldstream.evaluator.scoring.ScoreSample;
import io.hopfieldstream.evaluator.scoring.SimilarityMeasure;
import io.hopfieldstream.evaluator.windows.MetricsAccumulator;
import io.hopfieldstream.evaluator.windows.MetricsGroup;
import io.hopfieldstream.evaluator.windows.WindowMetricsFactory;
import io.hopfieldstream.evaluator.windows.WindowType;
import io.hopfieldstream.schemas.WindowMetrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class MetricsHttpServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final FakeSource source = new FakeSource();
    private final FakeHealth health = new FakeHealth();
    private MetricsHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MetricsHttpServer("127.0.0.1", 0, source, health, () -> "# scrape\nup 1\n");
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void runReportHasEveryWindow() throws Exception {
        HttpResponse<String> response = get("/metrics/runs/exp/run-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertThat(json.get("experimentId").asText()).isEqualTo("exp");
        JsonNode group = json.get("groups").get(0);
        assertThat(group.get("corruptionKind").asText()).isEqualTo("gaussian");
        assertThat(group.get("lateRecords").asLong()).isEqualTo(3L);
        assertThat(group.get("cumulative").get("accuracy").asDouble()).isEqualTo(0.5);
        assertThat(group.get("cumulative").get("similarityLoss").asDouble()).isEqualTo(0.75);
        assertThat(group.get("cumulative").get("windowType").asText()).isEqualTo("cumulative");
        assertThat(group.get("count").isNull()).isTrue();
        assertThat(group.get("hopping").get(0).get("windowStartMs").asLong()).isEqualTo(60_000L);
    }

    @Test
    void encodedIdsAreDecoded() throws Exception {
        assertThat(get("/metrics/runs/a%2Fb/run+1").statusCode()).isEqualTo(200);

        assertThat(source.requests).containsExactly("a/b|run+1");
    }

    @Test
    void unknownRunIsNotFound() throws Exception {
        HttpResponse<String> response = get("/metrics/runs/exp/other");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Run 'other' of experiment 'exp' not found");
    }

    @Test
    void runsListsSummaries() throws Exception {
        HttpResponse<String> response = get("/metrics/runs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode run = new ObjectMapper().readTree(response.body()).get("runs").get(0);
        assertThat(run.get("runId").asText()).isEqualTo("run-1");
        assertThat(run.get("corruptions").get(0).asText()).isEqualTo("gaussian:25");
        assertThat(run.get("count").asLong()).isEqualTo(2L);
    }

    @Test
    void unavailableStoresGiveServiceUnavailable() throws Exception {
        source.available = false;

        HttpResponse<String> response = get("/metrics/runs");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("retry later");
    }

    @Test
    void healthFollowsSource() throws Exception {
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(get("/health/ready").body()).contains("RESTORING");

        health.ready = true;

        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusServesScrape() throws Exception {
        HttpResponse<String> response = get("/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("# scrape\nup 1\n");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        assertThat(get("/metrics").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/runs/exp").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/runs/exp/run/extra").statusCode()).isEqualTo(404);
    }

    @Test
    void runSegmentsAreDecoded() {
        assertThat(MetricsHttpServer.runSegments("/metrics/runs/a%2Fb/r")).containsExactly("a/b", "r");
        assertThat(MetricsHttpServer.runSegments("/health/live")).isEmpty();
        assertThatThrownBy(() -> MetricsHttpServer.runSegments("/metrics/runs/exp%2/run"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void postIsNotAllowed() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/metrics/runs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Serves run-1 of exp with accuracy 0.5 and similarity loss 0.75, and records every run request. */
    private static final class FakeSource implements RunMetricsSource {

        final List<String> requests = new ArrayList<>();
        volatile boolean available = true;

        @Override
        public List<RunSummary> runs() {
            requireAvailable();
            return List.of(new RunSummary("exp", "run-1", List.of("gaussian:25"), 2L, 1L, 0L));
        }

        @Override
        public Optional<RunReport> run(String experimentId, String runId) {
            requireAvailable();
            requests.add(experimentId + "|" + runId);
            if (runId.equals("other")) {
                return Optional.empty();
            }
            MetricsGroup group = new MetricsGroup(experimentId, runId, "gaussian", 25.0);
            MetricsAccumulator totals = new MetricsAccumulator()
                    .add(new ScoreSample(61_000L, 5L, 1, new ReconstructionScore(1.0, true, true, 100.0)))
                    .add(new ScoreSample(62_000L, 5L, 1, new ReconstructionScore(0.25, false, false, 10.0)));
            WindowMetricsFactory factory = new WindowMetricsFactory(SimilarityMeasure.PEARSON, 0.95);
            WindowMetrics cumulative = factory.createSpanning(group, WindowType.CUMULATIVE, totals, 1L);
            WindowMetrics hopping = factory.create(group, WindowType.HOPPING, 60_000L, 120_000L, totals, 1L);
            GroupReport report = new GroupReport("gaussian", 25.0, cumulative, null, List.of(hopping), 3L);
            return Optional.of(new RunReport(experimentId, runId, List.of(report)));
        }

        private void requireAvailable() {
            if (!available) {
                throw new MetricsUnavailableException("Metrics are not available now, retry later: rebalancing",
                        null);
            }
        }
    }

    private static final class FakeHealth implements HealthSource {

        volatile boolean ready;

        @Override
        public boolean isLive() {
            return true;
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public String state() {
            return ready ? "RUNNING" : "RESTORING";
        }
    }
}
