package io.hopfieldstream.evaluator.service;

import io.hopfieldstream.evaluator.http.MetricsHttpServer;
import io.hopfieldstream.evaluator.http.RunMetricsSource;
import io.hopfieldstream.evaluator.topology.EvaluatorTopology;
import io.hopfieldstream.evaluator.topology.RejectionCounts;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running evaluator: the Kafka Streams application of {@link EvaluatorTopology} and its HTTP server.
 *
 * <pre>{@code
 * EvaluatorSettings settings = EvaluatorSettings.defaults("127.0.0.1:9092").withHttp("127.0.0.1", 0);
 * try (EvaluatorService evaluator = EvaluatorService.start(settings)) {
 *     evaluator.awaitReady(Duration.ofSeconds(30));
 *     int port = evaluator.httpPort();
 *     ...
 * }
 * }</pre>
 *
 * A stream thread that fails on an unexpected error is replaced, so the service keeps running. A missing input
 * topic stops it, because no retry can help until the topic exists.
 */
public final class EvaluatorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluatorService.class);

    private final EvaluatorSettings settings;
    private final RejectionCounts rejections = new RejectionCounts();
    private final ReadinessTracker readiness = new ReadinessTracker();
    private final KafkaStreams streams;
    private final MetricsQueries queries;
    private final EvaluatorMetrics metrics;
    private final MetricsHttpServer http;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EvaluatorService(EvaluatorSettings settings) throws IOException {
        this.settings = settings;

        Topology topology = EvaluatorTopology.build(settings.topology());
        LOG.debug("Evaluator topology:\n{}", topology.describe());

        streams = new KafkaStreams(topology, settings.streamsProperties(rejections));
        streams.setStateListener(readiness);
        streams.setGlobalStateRestoreListener(readiness);
        streams.setUncaughtExceptionHandler(EvaluatorService::onUncaughtException);

        queries = new MetricsQueries(streams, settings.topology(), System::currentTimeMillis);
        metrics = new EvaluatorMetrics(streams, queries, rejections, readiness);
        try {
            http = new MetricsHttpServer(settings.httpHost(), settings.httpPort(), queries, readiness,
                    metrics::scrape);
        } catch (IOException | RuntimeException e) {
            metrics.close();
            streams.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Starts the HTTP server and the Kafka Streams application.
     *
     * @throws IOException when the HTTP address cannot be bound
     */
    public static EvaluatorService start(EvaluatorSettings settings) throws IOException {
        LOG.info("Starting evaluator: {}", settings.describe());
        EvaluatorService service = new EvaluatorService(settings);
        service.http.start();
        service.streams.start();
        return service;
    }

    /** Returns the port the HTTP server listens on. */
    public int httpPort() {
        return http.port();
    }

    /** Returns whether the application is running with its state restored. */
    public boolean isReady() {
        return readiness.isReady();
    }

    /** Returns the Kafka Streams state. */
    public KafkaStreams.State state() {
        return readiness.streamsState();
    }

    /**
     * Waits until the application is running with its state restored.
     *
     * @return whether it became ready in time; false also when it stopped or failed first
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return readiness.awaitReady(timeout);
    }

    /** Blocks until the application stops, because of {@link #close()} or an error. */
    public void awaitTermination() throws InterruptedException {
        readiness.awaitStopped();
    }

    /** Returns the metrics read through interactive queries, as served over HTTP. */
    public RunMetricsSource metrics() {
        return queries;
    }

    /** Returns the counts of rejected records by reason. */
    public RejectionCounts rejections() {
        return rejections;
    }

    /** Returns the text served at {@code /prometheus}. */
    public String prometheusScrape() {
        return metrics.scrape();
    }

    /**
     * Stops Kafka Streams within the shutdown timeout, leaving the consumer group, then the HTTP server. Later
     * calls do nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Duration timeout = settings.shutdownTimeout();
        LOG.info("Stopping evaluator, waiting up to {} ms for Kafka Streams", timeout.toMillis());
        long start = System.nanoTime();

        // Leaving the group hands the partitions to the other instances now, not after the session timeout.
        boolean clean = streams.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout));
        long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        http.close();
        metrics.close();

        if (clean) {
            LOG.info("Evaluator stopped cleanly in {} ms", elapsedMs);
        } else {
            LOG.warn("Evaluator did not stop within {} ms; Kafka Streams threads may still be closing",
                    timeout.toMillis());
        }
    }

    private static StreamThreadExceptionResponse onUncaughtException(Throwable exception) {
        if (exception instanceof MissingSourceTopicException
                || exception.getCause() instanceof MissingSourceTopicException) {
            LOG.error("Stopping the evaluator because an input topic is missing: {}. Create the topic, or start the"
                    + " producer that creates it, then start the evaluator again", exception.getMessage());
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("Replacing a stream thread that failed with an unexpected error", exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
