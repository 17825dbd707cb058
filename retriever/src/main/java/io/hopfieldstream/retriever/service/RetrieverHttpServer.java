package io.hopfieldstream.retriever.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server for orchestrators and scrapers. {@code /health/live} returns 200 while the
 * service is starting, running or stopping and 503 once it stopped or failed. {@code /health/ready}
 * returns 200 only while it serves. {@code /prometheus} returns the meters in the Prometheus text
 * format. Built on the JDK's HTTP server with one worker thread.
 */
public final class RetrieverHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetrieverHttpServer.class);

    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private RetrieverHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts the server.
     *
     * @param host address to bind, for example 127.0.0.1 or 0.0.0.0
     * @param port port to bind, 0 for any free port
     * @param service the service whose state the health endpoints report
     * @param scrape returns the meters in the Prometheus text format
     * @throws IOException when the address cannot be bound
     */
    public static RetrieverHttpServer start(String host, int port, RetrieverService service, Supplier<String> scrape)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/health/live", exchange -> {
            RetrieverService.State state = service.state();
            boolean live = state == RetrieverService.State.NEW || state == RetrieverService.State.STARTING
                    || state == RetrieverService.State.RUNNING || state == RetrieverService.State.STOPPING;
            respond(exchange, live ? 200 : 503, "text/plain; charset=utf-8", state.name() + "\n");
        });
        server.createContext("/health/ready", exchange -> {
            RetrieverService.State state = service.state();
            respond(exchange, state == RetrieverService.State.RUNNING ? 200 : 503, "text/plain; charset=utf-8",
                    state.name() + "\n");
        });
        server.createContext("/prometheus", exchange -> respond(exchange, 200, PROMETHEUS_TYPE, scrape.get()));

        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retriever-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new RetrieverHttpServer(server, executor);
    }

    /** Returns the bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
        log.info("HTTP server on port {} stopped", port());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
