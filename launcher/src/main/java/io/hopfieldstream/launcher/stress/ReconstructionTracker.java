package io.hopfieldstream.launcher.stress;

import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.deadletter.DeadLetterInfo;
import io.hopfieldstream.schemas.serde.RecordDecodeException;
import io.hopfieldstream.schemas.serde.RecordSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end point of every end-to-end latency: a read_committed consumer of the reconstruction and
 * dead-letter topics that scores each reconstruction of the run's experiment as it arrives.
 *
 * <p>Evaluation time is the wall-clock time at which {@code poll()} returns the committed
 * reconstruction to this consumer, the same moment the evaluator or any other read_committed reader
 * could first see it. End-to-end latency is that time minus the probe's creation time
 * ({@code probeCreatedAtMs}, set by the probe publisher just before it sends the probe), in
 * milliseconds. Both clocks are this host's when the probes are published by this process.
 *
 * <p>Scoring is the exact-match check (retrieved pattern id equals the probe's truth). A second
 * reconstruction of a probe counts as a duplicate and is not timed again. Dead letters whose key is
 * a probe id of the experiment count by their reason header; others count as foreign.
 */
public final class ReconstructionTracker implements AutoCloseable {

    /** Longest latency the histograms hold, in milliseconds; longer ones are clamped to it. */
    static final long MAX_TRACKED_MILLIS = 3_600_000L;

    /** Longest wait for the topics' partitions and end offsets at start. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ReconstructionTracker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final Map<String, Object> kafkaProperties;
    private final String experimentId;
    private final String probeIdPrefix;
    private final String reconstructionTopic;
    private final String deadLetterTopic;
    private final Deserializer<Reconstruction> reconstructions = RecordSerdes.reconstruction().deserializer();

    private final List<PhaseStart> phases = new CopyOnWriteArrayList<>();
    private final Set<String> evaluatedProbeIds = new HashSet<>();
    private final Histogram total = new Histogram(MAX_TRACKED_MILLIS, 3);
    private final Map<Integer, Histogram> byPhase = new HashMap<>();
    private final Set<LatencyWindow> windows = new LinkedHashSet<>();
    private final Map<String, Long> deadLettersByReason = new TreeMap<>();
    private long evaluated;
    private long exactMatches;
    private long withTruth;
    private long duplicates;
    private long foreignDeadLetters;
    private long undecodable;
    private long negativeLatencies;
    private long lastEvaluatedAtMs;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    private volatile boolean running;
    private volatile Throwable failure;

    /**
     * @param kafkaProperties client properties of the cluster (bootstrap servers, security)
     * @param experimentId the run's experiment; reconstructions of other experiments are ignored
     * @param reconstructionTopic topic of the reconstructions
     * @param deadLetterTopic topic of the dead letters
     */
    public ReconstructionTracker(Map<String, ?> kafkaProperties, String experimentId, String reconstructionTopic,
            String deadLetterTopic) {
        this.kafkaProperties = new HashMap<>(kafkaProperties);
        this.experimentId = Objects.requireNonNull(experimentId, "experimentId");
        this.probeIdPrefix = experimentId + "-";
        this.reconstructionTopic = Objects.requireNonNull(reconstructionTopic, "reconstructionTopic");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    }

    /** Positions the consumer at the end of both topics and starts reading on a thread of its own. */
    public void start() {
        Map<String, Object> config = new HashMap<>(kafkaProperties);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hopfield-stress-tracker");
        config.keySet().removeIf(key -> !ConsumerConfig.configNames().contains(key));
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());

        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(reconstructionTopic, deadLetterTopic)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, START_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                consumer.close();
                throw new IllegalStateException("Topic " + topic + " does not exist; create the pipeline topics first");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> consumer.position(partition, START_TIMEOUT));

        running = true;
        thread = new Thread(this::follow, "stress-tracker");
        thread.setDaemon(true);
        thread.start();
        log.info("Tracking reconstructions of experiment {} on {} and dead letters on {}", experimentId,
                reconstructionTopic, deadLetterTopic);
    }

    /**
     * Marks the start of a phase: probes created at or after {@code startMs}, until the next phase
     * starts, count in this phase's latency histogram.
     */
    public synchronized void phaseStarted(Phase phase, long startMs) {
        phases.add(new PhaseStart(phase.index(), startMs));
        byPhase.put(phase.index(), new Histogram(MAX_TRACKED_MILLIS, 3));
    }

    /** Opens a window that records every latency measured until {@link #closeWindow}. */
    public synchronized LatencyWindow openWindow() {
        LatencyWindow window = new LatencyWindow();
        windows.add(window);
        return window;
    }

    /** Closes a window and returns what it recorded. */
    public synchronized Histogram closeWindow(LatencyWindow window) {
        windows.remove(window);
        return window.copy();
    }

    /** Returns a copy of every latency measured so far. */
    public synchronized Histogram totalLatency() {
        return total.copy();
    }

    /** Returns a copy of the latencies of probes created during a phase. */
    public synchronized Histogram phaseLatency(int phaseIndex) {
        Histogram histogram = byPhase.get(phaseIndex);
        return histogram == null ? new Histogram(MAX_TRACKED_MILLIS, 3) : histogram.copy();
    }

    /** Returns a consistent copy of the counts. */
    public synchronized Counts counts() {
        long deadLettered = deadLettersByReason.values().stream().mapToLong(Long::longValue).sum();
        return new Counts(evaluated, exactMatches, withTruth, duplicates, deadLettered,
                new TreeMap<>(deadLettersByReason), foreignDeadLetters, undecodable, negativeLatencies,
                lastEvaluatedAtMs);
    }

    /** Returns the error that stopped the consumer, if any. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        if (consumer == null) {
            return;
        }
        consumer.wakeup();
        try {
            if (!stopped.await(10, TimeUnit.SECONDS)) {
                log.warn("The reconstruction tracker did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void follow() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                long evaluatedAtMs = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    handle(record, evaluatedAtMs);
                }
            }
        } catch (WakeupException e) {
            // close() ends the poll; nothing else wakes this consumer.
        } catch (RuntimeException e) {
            failure = e;
            log.error("The reconstruction tracker failed: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record, long evaluatedAtMs) {
        if (record.topic().equals(deadLetterTopic)) {
            onDeadLetter(record);
            return;
        }
        Reconstruction reconstruction;
        try {
            reconstruction = reconstructions.deserialize(record.topic(), record.value());
        } catch (RecordDecodeException e) {
            synchronized (this) {
                undecodable++;
            }
            log.warn("Skipped an undecodable record on {} partition {} offset {}: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (reconstruction != null && experimentId.equals(reconstruction.getExperimentId())) {
            onReconstruction(reconstruction, evaluatedAtMs);
        }
    }

    private synchronized void onReconstruction(Reconstruction reconstruction, long evaluatedAtMs) {
        if (!evaluatedProbeIds.add(reconstruction.getProbeId())) {
            duplicates++;
            return;
        }
        evaluated++;
        lastEvaluatedAtMs = evaluatedAtMs;
        String truth = reconstruction.getTruthPatternId();
        if (truth != null) {
            withTruth++;
            if (truth.equals(reconstruction.getRetrievedPatternId())) {
                exactMatches++;
            }
        }

        long createdAtMs = reconstruction.getProbeCreatedAtMs();
        long millis = evaluatedAtMs - createdAtMs;
        if (millis < 0) {
            negativeLatencies++;
            millis = 0;
        }
        millis = Math.min(millis, MAX_TRACKED_MILLIS);
        total.recordValue(millis);
        for (LatencyWindow window : windows) {
            window.record(millis);
        }
        Histogram phase = phaseOf(createdAtMs);
        if (phase != null) {
            phase.recordValue(millis);
        }
    }

    private void onDeadLetter(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (key == null || !key.startsWith(probeIdPrefix)) {
            synchronized (this) {
                foreignDeadLetters++;
            }
            return;
        }
        String reason;
        try {
            reason = DeadLetterInfo.from(record).reason();
        } catch (IllegalArgumentException e) {
            reason = "UNKNOWN";
        }
        synchronized (this) {
            deadLettersByReason.merge(reason, 1L, Long::sum);
        }
    }

    /** Returns the histogram of the phase in which a probe created at this time was sent, or null. */
    private Histogram phaseOf(long createdAtMs) {
        for (int i = phases.size() - 1; i >= 0; i--) {
            PhaseStart start = phases.get(i);
            if (createdAtMs >= start.startMs()) {
                return byPhase.get(start.index());
            }
        }
        return null;
    }

    private record PhaseStart(int index, long startMs) {
    }

    /**
     * What the tracker read of the experiment.
     *
     * @param evaluated distinct probes with a committed reconstruction
     * @param exactMatches reconstructions whose retrieved pattern is the probe's truth
     * @param withTruth reconstructions of probes with a known truth
     * @param duplicates second and later reconstructions of a probe
     * @param deadLettered dead letters of the experiment's probes
     * @param deadLettersByReason those dead letters by reason code
     * @param foreignDeadLetters dead letters of other experiments or without a probe id key
     * @param undecodable reconstruction records that could not be decoded
     * @param negativeLatencies reconstructions read before their probe's creation time (clock skew), timed as 0
     * @param lastEvaluatedAtMs evaluation time of the latest reconstruction, 0 before the first
     */
    public record Counts(long evaluated, long exactMatches, long withTruth, long duplicates, long deadLettered,
            Map<String, Long> deadLettersByReason, long foreignDeadLetters, long undecodable,
            long negativeLatencies, long lastEvaluatedAtMs) {
    }
}
