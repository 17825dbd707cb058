package io.hopfieldstream.retriever.service;

import io.hopfieldstream.retriever.memory.MemoryBank;
import io.hopfieldstream.retriever.memory.MemoryVersion;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retrieval service: a consumer group member that reads probes, retrieves them in batches from
 * the memory with a Modern Hopfield update ({@code xi_new = X^T softmax(beta X xi)}), and writes one
 * reconstruction per probe, exactly once for read_committed readers.
 *
 * <p>Delivery: each batch's reconstructions, its dead letters and the group's offsets past its
 * probes are written in one Kafka transaction. A crash before the commit leaves nothing visible and
 * the offsets unmoved, so the next owner of the partitions retrieves the batch again; a crash after
 * it leaves everything committed. The transactional id is stable per instance, so a restarted
 * instance aborts the transaction its predecessor left open at once instead of after the
 * transaction timeout. Group metadata sent with the offsets lets the coordinator reject a commit
 * from a member that lost its partitions to a rebalance.
 *
 * <p>Timeouts: {@code max.poll.interval.ms} and {@code transaction.timeout.ms} are left at the
 * Kafka defaults (or the caller's values) because neither depends on the compute time here. The
 * service thread keeps polling while the compute thread retrieves a batch (fetching stops once a
 * full next batch waits), so a slow batch never exceeds the poll interval, and the transaction
 * opens only after the batch computed, so it lasts as long as the writes and the commit. A warm-up
 * batch at start measures the compute time for the start-up log.
 *
 * <p>Lifecycle: {@link #start()} reads the memory topic to its end, creates the backend, runs the
 * warm-up batch, registers the transactional id and starts the service thread. {@link #close()}
 * stops within the shutdown timeout: the batch in flight commits if it finishes in time, else it
 * stays uncommitted for the next owner. {@link #halt()} stops as a crash would, for fault tests.
 */
public final class RetrieverService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetrieverService.class);

    /** Lifecycle states. */
    public enum State { NEW, STARTING, RUNNING, STOPPING, STOPPED, HALTED, FAILED }

    private final RetrieverSettings settings;
    private final RetrieverClients clients;
    private final RetrievalBackendFactory backendFactory;
    private final BatchHook hook;
    private final MeterRegistry registry;
    private final RetrieverMetrics metrics;

    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Throwable failure;
    private volatile boolean stopDuringStart;
    private volatile String runId;
    private volatile String backendDescription;

    private MemoryBank memoryBank;
    private ComputeThread compute;
    private TransactionalWriter writer;
    private ProbeIntake intake;
    private RetrievalLoop loop;
    private Thread serviceThread;

    /**
     * Creates a service; nothing connects before {@link #start()}.
     *
     * @param settings the service settings
     * @param kafkaProperties client properties passed to every Kafka client (bootstrap servers, security, timeouts)
     * @param backendFactory creates the retrieval backend on the compute thread
     * @param registry where the service's meters go
     * @throws InvalidRetrieverSettingException when a Kafka property contradicts exactly-once processing
     */
    public RetrieverService(RetrieverSettings settings, Map<String, ?> kafkaProperties,
            RetrievalBackendFactory backendFactory, MeterRegistry registry) {
        this(settings, kafkaProperties, backendFactory, registry, BatchHook.NONE);
    }

    /**
     * Creates a service whose compute thread runs a hook before each batch, for tests that slow
     * retrieval down or hold a batch.
     */
    public RetrieverService(RetrieverSettings settings, Map<String, ?> kafkaProperties,
            RetrievalBackendFactory backendFactory, MeterRegistry registry, BatchHook hook) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clients = new RetrieverClients(kafkaProperties, settings);
        this.backendFactory = Objects.requireNonNull(backendFactory, "backendFactory");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.hook = Objects.requireNonNull(hook, "hook");
        this.metrics = new RetrieverMetrics(registry);
    }

    /**
     * Starts the service and returns once it serves.
     *
     * @throws io.hopfieldstream.retriever.memory.MemoryLoadException when the memory topic cannot be read to its end in time
     * @throws InvalidRetrieverSettingException when no pattern on the memory topic has 3072 pixel values but some have
     *     another count, so the topic contains images of another dimension
     * @throws InterruptedException when the calling thread is interrupted during start
     * @throws RuntimeException when the backend or a Kafka client fails to start; everything started is closed
     */
    public void start() throws InterruptedException {
        if (!state.compareAndSet(State.NEW, State.STARTING)) {
            throw new IllegalStateException("The retriever service can start only once; it is " + state.get());
        }
        long startNanos = System.nanoTime();
        logSettings();

        try {
            compute = new ComputeThread();
            compute.open(backendFactory, settings.retrieval(), hook);
            backendDescription = compute.describe();
            log.info("Retrieval backend: {}", backendDescription);

            memoryBank = new MemoryBank(settings.topics().memoryPatterns(), settings.topics().deadLetter(),
                    clients.memoryConsumer(), clients.memoryDeadLetterProducer(), registry);
            MemoryVersion memory = memoryBank.start(settings.memoryLoadTimeout());
            requireMemoryDimension(memory);
            if (memory.size() == 0) {
                log.warn("The memory is empty: reconstructions will have no retrieved pattern until patterns arrive"
                        + " on topic '{}'", settings.topics().memoryPatterns());
            }

            runId = RunIds.resolve(settings, memory);
            log.info("Run id {} ({}); memory of {} patterns at version {}, fingerprint {}", runId,
                    settings.runId() == null ? "derived from the retrieval settings and the memory" : "given",
                    memory.size(), memory.version(), memory.fingerprint().substring(0, 16));
            warmUp(memory);

            writer = new TransactionalWriter(clients::transactionalProducer, settings.transactionalId(),
                    () -> loop != null && loop.isRunning());
            writer.open();

            KafkaConsumer<byte[], byte[]> consumer = clients.probeConsumer();
            String replayExperiment = settings.replay() == null ? null : settings.replay().experimentId();
            intake = new ProbeIntake(consumer, settings.topics().probes(), settings.batchSize(),
                    settings.maxBatchWait(), settings.replay() == null ? null : settings.replay().from(), metrics);
            intake.subscribe();

            loop = new RetrievalLoop(settings, intake, new ProbeChecks(replayExperiment), memoryBank, compute, writer,
                    new BatchRecords(settings.topics().reconstructions(), settings.topics().deadLetter(), runId),
                    metrics);
        } catch (InterruptedException | RuntimeException | Error e) {
            state.set(State.FAILED);
            failure = e;
            closeAfterFailedStart();
            terminated.countDown();
            throw e;
        }

        serviceThread = new Thread(this::runService, "retriever-main");
        state.set(State.RUNNING);
        serviceThread.start();
        if (stopDuringStart) {
            log.info("A stop was requested during start; stopping now");
            state.set(State.STOPPING);
            loop.requestStop(settings.shutdownTimeout());
        }
        log.info("Retriever started in {} ms: group '{}', transactional id '{}', reading '{}', writing '{}'",
                (System.nanoTime() - startNanos) / 1_000_000, settings.groupId(), settings.transactionalId(),
                settings.topics().probes(), settings.topics().reconstructions());
    }

    /** Stops within the settings' shutdown timeout; see {@link #stop(Duration)}. */
    @Override
    public void close() {
        stop(settings.shutdownTimeout());
    }

    /**
     * Stops the service: the batch in flight commits if it finishes within the timeout, then the
     * clients close. Safe to call from any thread, more than once, and from a shutdown hook.
     *
     * @return whether the service thread ended within the timeout
     */
    public boolean stop(Duration timeout) {
        State current = state.get();
        if (current == State.NEW) {
            state.set(State.STOPPED);
            terminated.countDown();
            return true;
        }
        if (current == State.STARTING) {
            log.info("Stop requested while the retriever starts; it stops once the start completes");
            stopDuringStart = true;
            current = state.get();
        }
        if (current == State.RUNNING && state.compareAndSet(State.RUNNING, State.STOPPING)) {
            log.info("Stopping the retriever (timeout {} ms)", timeout.toMillis());
            loop.requestStop(timeout);
        }
        try {
            return terminated.await(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops as a crash would, for fault-tolerance tests. A batch in flight finishes computing and its
     * records are sent, but the transaction is neither committed nor aborted. The producer and
     * consumer close at once, and the consumer stays a group member until its session times out.
     * A restarted instance with the same transactional id aborts the open transaction.
     */
    public void halt() {
        if (state.get() == State.RUNNING || state.get() == State.STOPPING) {
            log.warn("Halting the retriever as a crash would: nothing more is committed");
            loop.requestHalt();
        }
    }

    /** Waits until the service thread has ended. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public State state() {
        return state.get();
    }

    /** Returns the failure that stopped the service, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Returns the run id on every reconstruction; null before {@link #start()} resolved it. */
    public String runId() {
        return runId;
    }

    /** Returns the backend's description, for example its device and thread count; null before start. */
    public String backendDescription() {
        return backendDescription;
    }

    /** Returns the committed totals since start. */
    public RetrieverMetrics.Totals totals() {
        return metrics.totals();
    }

    /** Returns the current memory version; empty before start. */
    public MemoryVersion memory() {
        return memoryBank == null ? MemoryVersion.empty() : memoryBank.current();
    }

    public RetrieverSettings settings() {
        return settings;
    }

    private void runService() {
        long stopStart = 0;
        try {
            loop.run();
            stopStart = System.nanoTime();
            Duration remaining = Duration.ofMillis(Math.max(1_000, settings.shutdownTimeout().toMillis() / 2));
            writer.close(remaining);
            intake.close(remaining);
            compute.close(remaining);
            memoryBank.close();
            state.set(State.STOPPED);
            log.info("Retriever stopped cleanly in {} ms; totals: {}", (System.nanoTime() - stopStart) / 1_000_000,
                    metrics.totals());
        } catch (TransactionalWriter.HaltRequested e) {
            writer.close(Duration.ZERO);
            intake.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                    .withTimeout(Duration.ZERO));
            compute.halt();
            memoryBank.close();
            state.set(State.HALTED);
            log.warn("Retriever halted; totals: {}", metrics.totals());
        } catch (InterruptedException | RuntimeException | Error e) {
            failure = e;
            log.error("The retriever failed and stops: {}", e.getMessage(), e);
            Duration closeTimeout = Duration.ofSeconds(5);
            writer.close(closeTimeout);
            intake.close(closeTimeout);
            compute.close(closeTimeout);
            memoryBank.close();
            state.set(State.FAILED);
        } finally {
            terminated.countDown();
        }
    }

    /**
     * Rejects a memory topic on which no pattern has the pixel count of a CIFAR-10 image but some have
     * another: it contains images of another dimension, and serving from it would only dead-letter probes.
     */
    private void requireMemoryDimension(MemoryVersion memory) {
        Optional<String> example = memoryBank.firstRejection(MemoryBank.WRONG_PIXEL_COUNT);
        if (memory.size() == 0 && example.isPresent()) {
            throw new InvalidRetrieverSettingException("memory-topic", settings.topics().memoryPatterns(),
                    "patterns of " + Topics.PIXELS_PER_IMAGE + " pixel values (32 x 32 x 3), but no pattern on it has"
                            + " that many (" + example.get() + ")");
        }
    }

    /** Retrieves a batch of stored patterns as probes, which loads the backend's memory and measures a batch. */
    private void warmUp(MemoryVersion memory) throws InterruptedException {
        if (memory.size() == 0) {
            return;
        }
        int probes = Math.min(settings.batchSize(), memory.size());
        List<byte[]> pixels = new ArrayList<>(probes);
        List<byte[]> masks = new ArrayList<>(probes);
        List<StoredPattern> patterns = memory.snapshot().patterns();
        for (int i = 0; i < probes; i++) {
            pixels.add(patterns.get(i).pixels());
            masks.add(null);
        }

        try {
            TimedBackend.Computed computed = compute.submit(0, memory.snapshot(), new ProbeBatch(pixels, masks)).get();
            long selfRetrieved = 0;
            for (int i = 0; i < probes; i++) {
                if (computed.results().get(i).retrievedIndex() == i) {
                    selfRetrieved++;
                }
            }
            log.info("Warm-up: {} stored patterns retrieved against {} in {} ms (including memory preparation);"
                    + " {} of them returned themselves", probes, memory.size(), computed.nanos() / 1_000_000,
                    selfRetrieved);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The retrieval backend failed on the warm-up batch: " + e.getCause(),
                    e.getCause());
        }
    }

    private void logSettings() {
        RetrieverSettings s = settings;
        log.info("Starting the retriever: bootstrap servers {}, batch size {}, max wait {} ms, beta {}, iterations {},"
                        + " tolerance {}, normalization {}, mask-aware {}, chunk size {}, group '{}', instance '{}',"
                        + " transactional id '{}', run id {}, replay {}, topics {}",
                clients.bootstrapServers(), s.batchSize(), s.maxBatchWait().toMillis(), s.retrieval().beta(),
                s.retrieval().maxIterations(), s.retrieval().tolerance(), s.retrieval().normalization(),
                s.retrieval().maskAware(), s.retrieval().chunkSize(), s.groupId(), s.instanceId(),
                s.transactionalId(), s.runId() == null ? "(derived)" : s.runId(),
                s.replay() == null ? "off" : s.replay(), s.topics());
    }

    private void closeAfterFailedStart() {
        Duration timeout = Duration.ofSeconds(5);
        if (intake != null) {
            intake.close(timeout);
        }
        if (writer != null) {
            writer.close(timeout);
        }
        if (memoryBank != null) {
            memoryBank.close();
        }
        if (compute != null) {
            compute.close(timeout);
        }
    }
}
