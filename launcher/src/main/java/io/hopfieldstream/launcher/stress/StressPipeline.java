package io.hopfieldstream.launcher.stress;

import io.hopfieldstream.broker.EmbeddedKafkaBroker;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.publish.MemoryBankPublisher;
import io.hopfieldstream.producer.publish.TopicSetup;
import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.retriever.service.RetrievalBackendFactory;
import io.hopfieldstream.retriever.service.RetrieverService;
import io.hopfieldstream.retriever.service.RetrieverSettings;
import io.hopfieldstream.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of the pipeline a stress run starts in this process: the embedded broker unless an
 * external cluster is given, the topics, the memory bank and the retriever instances. Everything
 * started is stopped by {@link #close()}, newest first.
 */
final class StressPipeline implements AutoCloseable {

    /** Longest time each component may take to stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(StressPipeline.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** The retriever's timer of batch compute time. */
    static final String COMPUTE_TIMER = "hopfield.retriever.batch.compute";

    /** The retriever's timer of transaction write and commit time. */
    static final String WRITE_TIMER = "hopfield.retriever.batch.write";

    private final StressSettings settings;
    private final Deque<Stoppable> started = new ArrayDeque<>();
    private final List<RetrieverService> retrievers = new ArrayList<>();
    private final List<MeterRegistry> registries = new ArrayList<>();
    private Map<String, Object> clientProperties;
    private Admin admin;
    private String broker;

    StressPipeline(StressSettings settings) {
        this.settings = settings;
    }

    /**
     * Connects to the external cluster when one is named, else starts the embedded broker, and
     * creates the missing topics.
     *
     * @return the client properties every client of the run uses
     */
    Map<String, Object> connect(Map<String, ?> kafkaProperties, Optional<String> externalBootstrapServers) {
        Map<String, Object> properties = new HashMap<>(kafkaProperties);
        if (externalBootstrapServers.isPresent()) {
            properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, externalBootstrapServers.get());
            broker = externalBootstrapServers.get();
        } else {
            EmbeddedKafkaBroker embedded = EmbeddedKafkaBroker.builder().build();
            started.push(new Stoppable("Kafka broker", embedded::close));
            embedded.start();
            properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers());
            broker = "embedded";
        }
        clientProperties = Map.copyOf(properties);

        Map<String, Object> adminProperties = new HashMap<>();
        clientProperties.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminProperties.put(key, value);
            }
        });
        Admin created = Admin.create(adminProperties);
        started.push(new Stoppable("admin client", () -> created.close(ADMIN_TIMEOUT)));
        admin = created;
        new TopicSetup(admin, Optional.empty(), ADMIN_TIMEOUT).ensureTopics(TopicSetup.pipelineTopics(
                settings.partitions()));
        return clientProperties;
    }

    /** Publishes the memory bank to the memory topic. */
    void publishMemory(List<CifarImage> bank) {
        try (MemoryBankPublisher publisher = new MemoryBankPublisher(clientProperties,
                MemoryBankPublisher.Settings.defaults())) {
            publisher.publish(bank);
        }
    }

    /**
     * Starts the in-process retrievers in one consumer group. Each replays the run's experiment from
     * now, so on a shared cluster it skips older probes and the probes of other experiments.
     */
    void startRetrievers(RetrievalBackendFactory backendFactory) throws InterruptedException {
        Instant from = Instant.now();
        for (int i = 1; i <= settings.retrievers(); i++) {
            RetrieverSettings retrieverSettings = RetrieverSettings.builder()
                    .retrieval(settings.retrieval())
                    .batchSize(settings.batchSize())
                    .maxBatchWait(settings.maxBatchWait())
                    .groupId(settings.retrieverGroup())
                    .instanceId("stress-" + i)
                    .replay(new RetrieverSettings.Replay(settings.experimentId(), from))
                    .shutdownTimeout(STOP_TIMEOUT)
                    .build();
            MeterRegistry registry = new SimpleMeterRegistry();
            RetrieverService retriever = new RetrieverService(retrieverSettings, clientProperties, backendFactory,
                    registry);
            started.push(new Stoppable("retriever " + i, retriever::close));
            retriever.start();
            retrievers.add(retriever);
            registries.add(registry);
            log.info("Started retriever {} of {}: {}, memory of {} patterns", i, settings.retrievers(),
                    retriever.backendDescription(), retriever.memory().size());
        }
    }

    /**
     * Returns the memory the kernel is measured on: the first retriever's, or one built from the bank
     * when no retriever runs in this process.
     */
    MemorySnapshot memory(List<CifarImage> bank) {
        if (!retrievers.isEmpty()) {
            return retrievers.get(0).memory().snapshot();
        }
        List<StoredPattern> patterns = new ArrayList<>(bank.size());
        bank.forEach(image -> patterns.add(new StoredPattern(image.patternId(), image.label(), image.pixels())));
        return new MemorySnapshot(1, patterns);
    }

    /**
     * Returns the in-process retrievers' batch compute and write times so far, from their timers
     * {@value #COMPUTE_TIMER} and {@value #WRITE_TIMER}.
     */
    RetrieverTimes retrieverTimes() {
        long batches = 0;
        long computeNanos = 0;
        long writeNanos = 0;
        for (MeterRegistry registry : registries) {
            Timer compute = registry.find(COMPUTE_TIMER).timer();
            Timer write = registry.find(WRITE_TIMER).timer();
            if (compute != null) {
                computeNanos += (long) compute.totalTime(TimeUnit.NANOSECONDS);
            }
            if (write != null) {
                batches += write.count();
                writeNanos += (long) write.totalTime(TimeUnit.NANOSECONDS);
            }
        }
        return new RetrieverTimes(batches, computeNanos, writeNanos);
    }

    /** Returns the partitions of the probe topic as the cluster reports them. */
    int probePartitions() throws InterruptedException {
        try {
            TopicDescription description = admin.describeTopics(List.of(Topics.IMAGES_CORRUPTED)).allTopicNames()
                    .get().get(Topics.IMAGES_CORRUPTED);
            return description.partitions().size();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Failed to describe " + Topics.IMAGES_CORRUPTED + ": " + e.getCause(), e);
        }
    }

    /** Returns the failures of retrievers that stopped on their own, one message each. */
    List<String> retrieverFailures() {
        List<String> failures = new ArrayList<>();
        for (RetrieverService retriever : retrievers) {
            if (retriever.state() == RetrieverService.State.FAILED) {
                failures.add("retriever " + retriever.settings().instanceId() + " failed: "
                        + retriever.failure().map(Throwable::toString).orElse("unknown cause"));
            }
        }
        return failures;
    }

    Admin admin() {
        return admin;
    }

    String broker() {
        return broker;
    }

    /** Stops what was started, newest first; a component that fails to stop is logged and skipped. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            Stoppable component = started.pop();
            try {
                component.action().run();
            } catch (RuntimeException e) {
                log.warn("Failed to stop the {}: {}", component.name(), e.toString());
            }
        }
    }

    private record Stoppable(String name, Runnable action) {
    }
}
