package io.hopfieldstream.evaluator.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * HTTP endpoints of the evaluator, on the JDK's built-in server.
 *
 * <ul>
 *   <li>{@code GET /metrics/runs}: the runs known, with their corruption groups and totals.</li>
 *   <li>{@code GET /metrics/runs/{experiment}/{run}}: cumulative totals, the count window and the retained
 *       hopping windows of each corruption group. Ids containing {@code /} are sent percent-encoded.</li>
 *   <li>{@code GET /health/live} and {@code GET /health/ready}: 200 or 503 with the state.</li>
 *   <li>{@code GET /prometheus}: metrics in the Prometheus text format.</li>
 * </ul>
 * Metrics that cannot be read during a rebalance or a restore give 503, an unknown run 404, any method but GET
 * or HEAD 405.
 */
public final class MetricsHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsHttpServer.class);
    private static final String JSON = "application/json";
    private static final String RUNS_PATH = "/metrics/runs";
    private static final int HANDLER_THREADS = 2;

    private final HttpServer server;
    private final ExecutorService executor;
    private final RunMetricsSource metrics;
    private final HealthSource health;
    private final Supplier<String> prometheus;
    private final MetricsJson json = new MetricsJson();

    /**
     * Binds the server; {@link #start()} starts serving.
     *
     * @param host address to bind
     * @param port port to bind, 0 for any free port
     * @param metrics source of the run metrics
     * @param health source of liveness and readiness
     * @param prometheus returns the Prometheus scrape text
     * @throws IOException when the address cannot be bound
     */
    public MetricsHttpServer(String host, int port, RunMetricsSource metrics, HealthSource health,
            Supplier<String> prometheus) throws IOException {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.health = Objects.requireNonNull(health, "health");
        this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
        this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        this.executor = Executors.newFixedThreadPool(HANDLER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "evaluator-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
        LOG.info("Evaluator HTTP server listening on http://{}:{}", server.getAddress().getHostString(), port());
    }

    /** Returns the bound port, which differs from the requested one when that was 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests and waits up to one second for those in progress. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("Evaluator HTTP server stopped");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, JSON, error("Method " + method + " is not allowed: use GET"));
                return;
            }
            route(exchange);
        } catch (MetricsUnavailableException e) {
            LOG.debug("Metrics not available for {}: {}", exchange.getRequestURI(), e.getMessage());
            respond(exchange, 503, JSON, error(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Failed to serve {}", exchange.getRequestURI(), e);
            respond(exchange, 500, JSON, error("Internal error: " + e.getMessage()));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }

        switch (path) {
            case "/health/live" -> respondHealth(exchange, health.isLive());
            case "/health/ready" -> respondHealth(exchange, health.isReady());
            case "/prometheus" -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                    prometheus.get().getBytes(StandardCharsets.UTF_8));
            case RUNS_PATH -> respond(exchange, 200, JSON, json.runs(metrics.runs()));
            default -> routeRun(exchange, path);
        }
    }

    private void routeRun(HttpExchange exchange, String path) throws IOException {
        List<String> segments;
        try {
            segments = runSegments(path);
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, JSON, error(e.getMessage()));
            return;
        }
        if (segments.size() != 2) {
            respond(exchange, 404, JSON, error("Not found: " + path + ". Endpoints: " + RUNS_PATH + ", "
                    + RUNS_PATH + "/{experiment}/{run}, /health/live, /health/ready, /prometheus"));
            return;
        }

        String experimentId = segments.get(0);
        String runId = segments.get(1);
        Optional<RunReport> report = metrics.run(experimentId, runId);
        if (report.isEmpty()) {
            respond(exchange, 404, JSON, error("Run '" + runId + "' of experiment '" + experimentId
                    + "' not found"));
            return;
        }
        respond(exchange, 200, JSON, json.run(report.get()));
    }

    /** Returns the decoded segments after {@code /metrics/runs/}, or an empty list when the path is another. */
    static List<String> runSegments(String rawPath) {
        String prefix = RUNS_PATH + "/";
        if (!rawPath.startsWith(prefix)) {
            return List.of();
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.substring(prefix.length()).split("/", -1)) {
            segments.add(PercentDecoder.decode(segment));
        }
        return segments;
    }

    private void respondHealth(HttpExchange exchange, boolean healthy) throws IOException {
        byte[] body = json.write(Map.of("status", healthy ? "UP" : "DOWN", "state", health.state()));
        respond(exchange, healthy ? 200 : 503, JSON, body);
    }

    private byte[] error(String message) {
        return json.write(Map.of("error", message));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(body);
            }
        }
    }
}
