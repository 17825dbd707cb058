package io.hopfieldstream.retriever.memory;

import io.hopfieldstream.retriever.logging.RateLimitedWarnings;
import io.hopfieldstream.schemas.deadletter.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted memory topic and publishes each state of the memory as an immutable
 * {@link MemoryVersion}.
 *
 * <p>{@link #start} reads every partition of the topic from the beginning to the end offsets it
 * finds at start, without a consumer group, and returns only then, so an instance never serves
 * with a partial memory. A follower thread then keeps reading: it applies new patterns, replaced
 * patterns and tombstones, and after each poll that changed something publishes a new version
 * through an {@link AtomicReference}. Readers take {@link #current()} once per batch, so a batch
 * uses one whole version and never a half-applied update.
 *
 * <p>A record that is not a valid pattern leaves the memory unchanged (an earlier pattern with the
 * same id stays), goes to the dead-letter topic with its reason and is counted.
 * NOTE: every instance and every start reads the whole topic, so each of them dead-letters the
 * same invalid memory record again; the source topic, partition and offset headers identify repeats.
 */
public final class MemoryBank implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemoryBank.class);

    /** Name of this component in dead-letter records. */
    static final String SERVICE = "retriever";

    /** Reason code of a memory record whose pattern does not have the 3072 pixel values of a CIFAR-10 image. */
    public static final String WRONG_PIXEL_COUNT = MemoryRecords.WRONG_PIXEL_COUNT;

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_ERROR_BACKOFF = Duration.ofSeconds(5);

    private final String topic;
    private final String deadLetterTopic;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> deadLetterProducer;
    private final MeterRegistry registry;
    private final MemoryRecords records = new MemoryRecords();
    private final MemoryTable table = new MemoryTable();
    private final AtomicReference<MemoryVersion> current = new AtomicReference<>(MemoryVersion.empty());
    private final Queue<CompletableFuture<MemoryVersion>> catchUpRequests = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<MemoryVersion> loaded = new CompletableFuture<>();
    private final Counter applied;
    private final Map<String, Counter> rejectedByReason = new HashMap<>();
    private final Map<String, String> firstRejectionByReason = new ConcurrentHashMap<>();
    private final RateLimitedWarnings rejections = new RateLimitedWarnings(log, 10, Duration.ofSeconds(10));

    private volatile boolean closing;
    private volatile long rejectedTotal;
    private Thread follower;

    /**
     * Creates a memory bank; nothing connects before {@link #start}.
     *
     * @param topic the compacted memory topic
     * @param deadLetterTopic where invalid memory records go
     * @param consumer a consumer without group for the memory topic, byte-array keys and values, read_committed
     * @param deadLetterProducer an idempotent producer for dead letters; the bank closes it
     * @param registry where the bank's counters and gauges go
     */
    public MemoryBank(String topic, String deadLetterTopic, Consumer<byte[], byte[]> consumer,
            Producer<byte[], byte[]> deadLetterProducer, MeterRegistry registry) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.deadLetterProducer = Objects.requireNonNull(deadLetterProducer, "deadLetterProducer");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.applied = Counter.builder("hopfield.memory.records.applied")
                .description("Memory records applied: patterns stored or replaced and tombstones")
                .register(registry);
        Gauge.builder("hopfield.memory.patterns", current, ref -> ref.get().size())
                .description("Patterns in the current memory version")
                .register(registry);
        Gauge.builder("hopfield.memory.version", current, ref -> ref.get().version())
                .description("Changes applied to the memory since it was first read")
                .register(registry);
    }

    /**
     * Reads the memory topic to its end and starts following it.
     *
     * @param timeout maximum wait for the topic to exist and be read to the end offsets found at start
     * @return the memory as of those end offsets
     * @throws MemoryLoadException when the topic cannot be read to its end in time
     * @throws InterruptedException when the calling thread is interrupted while it waits
     */
    public MemoryVersion start(Duration timeout) throws InterruptedException {
        if (follower != null) {
            throw new IllegalStateException("The memory bank for topic '" + topic + "' was already started");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        follower = new Thread(() -> follow(deadline), "memory-follower");
        follower.setDaemon(true);
        follower.start();

        try {
            return loaded.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            close();
            Throwable cause = e.getCause();
            if (cause instanceof MemoryLoadException load) {
                throw load;
            }
            throw new MemoryLoadException("Failed to read memory topic '" + topic + "': " + cause.getMessage(), cause);
        } catch (java.util.concurrent.TimeoutException e) {
            close();
            throw new MemoryLoadException("Timed out after " + timeout.toMillis() + " ms reading memory topic '"
                    + topic + "' to its end", e);
        }
    }

    /** Returns the newest published memory version; an empty memory before {@link #start} returns. */
    public MemoryVersion current() {
        return current.get();
    }

    /**
     * Waits until the follower has applied every memory record written before this call, then returns
     * the newest version. A probe that names a pattern just published may arrive before the follower
     * read that pattern, so the service calls this and checks again before it rejects the probe.
     *
     * @return the newest version, which includes every record written before the call unless the timeout passed first
     * @throws InterruptedException when the calling thread is interrupted while it waits
     */
    public MemoryVersion catchUp(Duration timeout) throws InterruptedException {
        CompletableFuture<MemoryVersion> request = new CompletableFuture<>();
        catchUpRequests.add(request);
        consumer.wakeup();
        try {
            return request.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("Memory did not catch up with topic '{}' within {} ms; using {}", topic, timeout.toMillis(),
                    current());
            return current();
        }
    }

    /** Returns how many memory records were rejected since start. */
    public long rejectedCount() {
        return rejectedTotal;
    }

    /**
     * Returns the explanation of the first memory record rejected since start with this reason code,
     * for example "pattern p1 has 784 pixel values, expected 3072"; empty when none was.
     */
    public Optional<String> firstRejection(String reason) {
        return Optional.ofNullable(firstRejectionByReason.get(reason));
    }

    /** Stops the follower thread and closes its clients; waits at most 10 s. */
    @Override
    public void close() {
        closing = true;
        Thread thread = follower;
        if (thread == null) {
            consumer.close();
            deadLetterProducer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("The memory follower thread did not stop within 10 s");
        }
    }

    private void follow(long deadlineNanos) {
        try {
            load(deadlineNanos);
            while (!closing) {
                pollOnce();
            }
        } catch (MemoryLoadException e) {
            loaded.completeExceptionally(e);
        } catch (WakeupException e) {
            loaded.completeExceptionally(new MemoryLoadException("The memory bank was closed while reading topic '"
                    + topic + "'", e));
        } catch (RuntimeException | Error e) {
            loaded.completeExceptionally(e);
            log.error("The memory follower stopped after an unexpected error; retrieval keeps using {}", current(), e);
        } finally {
            closeClients();
            catchUpRequests.forEach(request -> request.complete(current()));
        }
    }

    private void load(long deadlineNanos) {
        long startNanos = System.nanoTime();
        List<TopicPartition> partitions = awaitPartitions(deadlineNanos);
        // NOTE: partitions added to the memory topic after this point are not followed until a restart.
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = ignoringWakeup(() -> consumer.endOffsets(partitions, remaining(deadlineNanos)));
        log.info("Reading memory topic '{}' ({} partitions) to end offsets {}", topic, partitions.size(), end);

        while (!caughtUp(end)) {
            if (closing) {
                throw new MemoryLoadException("The memory bank was closed while reading topic '" + topic + "'", null);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new MemoryLoadException("Timed out reading memory topic '" + topic + "' to its end offsets " + end
                        + "; reached " + positions(partitions), null);
            }
            applyAll(pollRecords());
        }

        MemoryVersion version = table.publish();
        current.set(version);
        log.info("Loaded memory from topic '{}': {} patterns at version {} in {} ms; {} records rejected",
                topic, version.size(), version.version(), (System.nanoTime() - startNanos) / 1_000_000, rejectedTotal);
        loaded.complete(version);
    }

    private List<TopicPartition> awaitPartitions(long deadlineNanos) {
        boolean clusterAnswered = false;
        boolean logged = false;
        while (true) {
            List<PartitionInfo> infos = List.of();
            try {
                infos = ignoringWakeup(() -> consumer.partitionsFor(topic, remaining(deadlineNanos)));
                clusterAnswered = true;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (!clusterAnswered) {
                    throw new MemoryLoadException("Could not reach the Kafka cluster to find memory topic '" + topic
                            + "' before the memory load timeout: " + e.getMessage(), e, true);
                }
            }
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo info : infos) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
                return partitions;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new MemoryLoadException("Memory topic '" + topic + "' does not exist; publish the memory"
                        + " first or create the topic", null);
            }
            if (clusterAnswered && !logged) {
                log.info("Waiting for memory topic '{}' to be created", topic);
                logged = true;
            }
            sleep(TOPIC_RETRY);
        }
    }

    private void pollOnce() {
        long backoffMillis = 100;
        while (!closing) {
            try {
                serveCatchUpRequests(pollRecords());
                return;
            } catch (KafkaException e) {
                log.warn("Reading memory topic '{}' failed; retrying in {} ms: {}", topic, backoffMillis, e.toString());
                sleep(Duration.ofMillis(backoffMillis));
                backoffMillis = Math.min(backoffMillis * 2, MAX_ERROR_BACKOFF.toMillis());
            }
        }
    }

    /**
     * Applies polled records, publishes a version when something changed and completes the catch-up
     * requests once the follower reached the end offsets taken when it picked them up.
     */
    private void serveCatchUpRequests(ConsumerRecords<byte[], byte[]> polled) {
        List<CompletableFuture<MemoryVersion>> requests = new ArrayList<>();
        CompletableFuture<MemoryVersion> request;
        while ((request = catchUpRequests.poll()) != null) {
            requests.add(request);
        }

        applyAll(polled);
        if (requests.isEmpty()) {
            publishIfChanged();
            return;
        }

        Map<TopicPartition, Long> end = ignoringWakeup(() -> consumer.endOffsets(consumer.assignment()));
        while (!caughtUp(end) && !closing) {
            applyAll(pollRecords());
        }
        publishIfChanged();
        MemoryVersion version = current.get();
        requests.forEach(r -> r.complete(version));
    }

    private ConsumerRecords<byte[], byte[]> pollRecords() {
        try {
            return consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
            return ConsumerRecords.empty();
        }
    }

    private void applyAll(ConsumerRecords<byte[], byte[]> polled) {
        for (ConsumerRecord<byte[], byte[]> record : polled) {
            apply(record);
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        MemoryRecords.Change change = records.read(record);
        if (change instanceof MemoryRecords.Change.Stored stored) {
            table.put(stored.pattern());
            applied.increment();
        } else if (change instanceof MemoryRecords.Change.Removed removed) {
            if (table.remove(removed.patternId())) {
                applied.increment();
            }
        } else if (change instanceof MemoryRecords.Change.Rejected rejected) {
            reject(record, rejected);
        }
    }

    private void reject(ConsumerRecord<byte[], byte[]> record, MemoryRecords.Change.Rejected rejected) {
        rejectedTotal++;
        firstRejectionByReason.putIfAbsent(rejected.reason(), rejected.message());
        rejectedByReason.computeIfAbsent(rejected.reason(), reason -> Counter.builder("hopfield.memory.records.rejected")
                .description("Memory records sent to the dead-letter topic")
                .tag("reason", reason)
                .register(registry)).increment();
        rejections.warn("Rejected memory record {}-{}@{} to the dead-letter topic: {} ({})", record.topic(),
                record.partition(), record.offset(), rejected.reason(), rejected.message());

        deadLetterProducer.send(DeadLetter.from(record)
                .reason(rejected.reason(), rejected.message())
                .service(SERVICE)
                .topic(deadLetterTopic)
                .build(), (metadata, error) -> {
                    if (error != null) {
                        log.error("Failed to write the dead letter for memory record {}-{}@{}", record.topic(),
                                record.partition(), record.offset(), error);
                    }
                });
    }

    private void publishIfChanged() {
        if (table.hasUnpublishedChanges()) {
            MemoryVersion version = table.publish();
            current.set(version);
            log.info("Memory changed: {} patterns at version {}", version.size(), version.version());
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (ignoringWakeup(() -> consumer.position(entry.getKey())) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<TopicPartition, Long> positions(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            positions.put(partition, ignoringWakeup(() -> consumer.position(partition)));
        }
        return positions;
    }

    private void closeClients() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            log.warn("Closing the memory consumer failed", e);
        }
        try {
            deadLetterProducer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("Closing the memory dead-letter producer failed", e);
        }
    }

    /**
     * Runs a blocking consumer call again when a catch-up request's wakeup interrupted it. The wakeup
     * only signals that requests wait, and the follower serves them after the call.
     */
    private <T> T ignoringWakeup(java.util.function.Supplier<T> call) {
        while (true) {
            try {
                return call.get();
            } catch (WakeupException e) {
                if (closing) {
                    throw e;
                }
            }
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
