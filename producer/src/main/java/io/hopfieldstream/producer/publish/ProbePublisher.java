package io.hopfieldstream.producer.publish;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.config.KafkaProperties;
import io.hopfieldstream.schemas.serde.RecordSerdes;

/**
 * Publishes the probes of an experiment, keyed by probeId, at a set rate.
 *
 * <p>The probe with index {@code i} is made from target {@code i mod targets.size()} by {@link ProbeFactory}.
 * Its corruption seed comes from the experiment seed and the probe index, so a replay gives the same bytes.
 * The rate is held by a {@link RateLimiter} on an absolute schedule. A progress line (images/s, MB/s) is
 * logged every {@link ProbeSettings#progressInterval()}, and the final summary is logged and returned.
 * Unless {@link ProbeSettings#createTopic()} is false, a missing topic is created first
 * ({@link TopicSetup#probeTopic(String)}) and the run starts once the broker serves it.
 *
 * <p>Probes are made in chunks on {@code creationThreads} threads, because Gaussian noise on 3072 values
 * costs more than sending a probe. Given a {@link CorruptedPass}, a run copies its probes from that pass
 * under new ids instead. Each probe's {@code createdAtMs} is set just before it is sent, so
 * latencies measured from it exclude the time a probe waited in its chunk.
 *
 * <pre>{@code
 * List<ProbeTarget> targets = new ArrayList<>(ProbeTarget.stored(bank));
 * targets.addAll(ProbeTarget.unstored(otherImages));
 * ProbeSettings settings = ProbeSettings.defaults("noise-25", CorruptionSpec.parse("gaussian:25"))
 *         .withSeed(7L).withRate(500).withCount(10_000);
 * try (ProbePublisher publisher = new ProbePublisher(kafkaProperties)) {
 *     ProbeSummary summary = publisher.publish(ProbeTarget.shuffled(targets, 7L), settings);
 * }
 * }</pre>
 * Kafka client properties pass through unchanged over {@link ProducerDefaults}. One run at a time; only
 * {@link #requestStop()} may be called from another thread, for example a shutdown hook.
 */
public final class ProbePublisher implements AutoCloseable {

    /** Default maximum time {@link #close()} waits for probes still in flight. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** Default number of threads that make probes: the available processors, at most 4. */
    public static final int DEFAULT_CREATION_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

    private static final int MAX_CHUNK = 512;

    private static final Logger LOG = LoggerFactory.getLogger(ProbePublisher.class);

    private final Producer<String, Probe> producer;
    private final Map<String, Object> clientProperties;
    private final Set<String> checkedTopics = new HashSet<>();
    private final ProbeCreator creator;
    private final Ticker ticker;
    private final Duration closeTimeout;
    private volatile boolean stopRequested;

    /** Creates a publisher that serializes with the project's Avro serde. */
    public ProbePublisher(Map<String, ?> clientProperties) {
        this(clientProperties, RecordSerdes.probe().serializer(), DEFAULT_CREATION_THREADS, DEFAULT_CLOSE_TIMEOUT,
                Ticker.SYSTEM);
    }

    /**
     * Creates a publisher.
     *
     * @param clientProperties Kafka producer properties, over {@link ProducerDefaults}
     * @param serializer       value serializer, for example a schema registry's
     * @param creationThreads  threads that make probes ahead of sending, at least 1
     * @param closeTimeout     maximum time {@link #close()} waits for probes still in flight
     * @param ticker           clock for pacing, durations and progress
     */
    public ProbePublisher(Map<String, ?> clientProperties, Serializer<Probe> serializer, int creationThreads,
                          Duration closeTimeout, Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        this.creator = new ProbeCreator(creationThreads);
        Map<String, Object> properties = ProducerDefaults.merge(clientProperties, "hopfield-probe-publisher");
        this.clientProperties = properties;
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), serializer);
        LOG.info("Probe publisher created with producer settings {}", KafkaProperties.builder().defaults(properties).build());
    }

    /**
     * Sends probes until the count or the duration is reached or a stop is requested, then waits until the
     * broker acknowledged every probe sent.
     *
     * @param targets images to probe, cycled through in order; at least one
     * @throws PublishException when some probe was not delivered
     */
    public ProbeSummary publish(List<ProbeTarget> targets, ProbeSettings settings) {
        return publish(targets, settings, null);
    }

    /**
     * Sends probes as {@link #publish(List, ProbeSettings)} does, copying them from a pass corrupted
     * beforehand instead of corrupting each one.
     *
     * @param pass the pass for these settings and targets, or null to corrupt every probe on its own
     * @throws IllegalArgumentException when the pass was made for another experiment, corruption, seed or
     *     target count
     */
    public ProbeSummary publish(List<ProbeTarget> targets, ProbeSettings settings, CorruptedPass pass) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("No images to probe: the target list is empty");
        }
        if (pass != null) {
            pass.checkMatches(settings, targets);
        }
        stopRequested = false;
        ensureTopic(settings);
        long total = settings.count() == ProbeSettings.ONE_PASS ? targets.size() : settings.count();
        logStart(targets, settings, total, pass);

        ProbeFactory factory = new ProbeFactory(settings.experimentId(), settings.corruption(),
                settings.experimentSeed());
        RateLimiter limiter = settings.isRateLimited()
                ? new RateLimiter(settings.ratePerSecond(), settings.maxBurst(), ticker)
                : null;
        DeliveryTracker tracker = new DeliveryTracker();
        ProgressLog progress = new ProgressLog("Probes of experiment " + settings.experimentId(), tracker,
                settings.progressInterval(), ticker);
        long start = ticker.nanoTime();
        long deadline = settings.duration() == null ? Long.MAX_VALUE : start + settings.duration().toNanos();

        long sent = 0;
        long withTruth = 0;
        boolean stoppedEarly = false;
        int chunkSize = chunkSize(settings);
        sending:
        while (sent < total) {
            long first = settings.firstProbeIndex() + sent;
            int count = (int) Math.min(chunkSize, total - sent);
            List<Probe> chunk = pass != null
                    ? pass.probes(first, count)
                    : creator.create(factory, targets, first, count);
            for (Probe probe : chunk) {
                if (stopRequested || Thread.currentThread().isInterrupted() || tracker.hasFailed()) {
                    stoppedEarly = !tracker.hasFailed();
                    break sending;
                }
                if (limiter != null) {
                    limiter.acquire();
                }
                if (ticker.nanoTime() - deadline >= 0) {
                    break sending;
                }

                probe.setCreatedAtMs(System.currentTimeMillis());
                send(settings.topic(), probe, tracker);
                sent++;
                withTruth += probe.getTruthPatternId() != null ? 1 : 0;
                progress.maybeLog();
            }
        }

        flush();
        double seconds = (ticker.nanoTime() - start) / 1e9;
        ProbeSummary summary = new ProbeSummary(settings.experimentId(), settings.topic(), tracker.acknowledged(),
                withTruth, sent - withTruth, settings.firstProbeIndex(), tracker.acknowledgedBytes(), seconds,
                stoppedEarly);
        tracker.throwIfFailed("probes of experiment " + settings.experimentId() + " to " + settings.topic());
        LOG.info("{}", summary);
        return summary;
    }

    /**
     * Returns how many probes are made ahead of sending: about 10 ms worth at a limited rate, so creation times
     * stay close to send times, and {@value #MAX_CHUNK} when unlimited.
     */
    private static int chunkSize(ProbeSettings settings) {
        if (!settings.isRateLimited()) {
            return MAX_CHUNK;
        }
        return (int) Math.max(1, Math.min(MAX_CHUNK, settings.ratePerSecond() / 100));
    }

    /** Ends the current run after the probe being sent; safe to call from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Waits for probes in flight, up to the close timeout, and closes the producer. */
    @Override
    public void close() {
        LOG.info("Closing the probe publisher (waiting up to {} for probes in flight)", closeTimeout);
        creator.close();
        producer.close(closeTimeout);
        LOG.info("Probe publisher closed");
    }

    private void ensureTopic(ProbeSettings settings) {
        if (!settings.createTopic() || checkedTopics.contains(settings.topic())) {
            return;
        }
        TopicSetup.ensureTopics(clientProperties, List.of(TopicSetup.probeTopic(settings.topic())), closeTimeout);
        checkedTopics.add(settings.topic());
    }

    private void send(String topic, Probe probe, DeliveryTracker tracker) {
        try {
            producer.send(new ProducerRecord<>(topic, probe.getProbeId(), probe),
                    tracker.onSend(topic, probe.getProbeId()));
        } catch (KafkaException e) {
            throw new PublishException("Failed to send probe " + probe.getProbeId() + " to " + topic + " after "
                    + tracker.sent() + " probes: " + e.getMessage(), e);
        }
    }

    private void flush() {
        try {
            producer.flush();
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            LOG.warn("Interrupted while waiting for probes in flight; the summary counts only those acknowledged");
        }
    }

    private static void logStart(List<ProbeTarget> targets, ProbeSettings settings, long total, CorruptedPass pass) {
        long stored = targets.stream().filter(ProbeTarget::stored).count();
        LOG.info("Publishing probes of experiment {} to {}: corruption {}, seed {}, first probe index {}, {} targets"
                        + " ({} in memory), count {}, duration {}, rate {}, {}", settings.experimentId(),
                settings.topic(), settings.corruption().spec(), settings.experimentSeed(), settings.firstProbeIndex(),
                targets.size(), stored, total == ProbeSettings.UNLIMITED_COUNT ? "unlimited" : total,
                settings.duration() == null ? "unlimited" : settings.duration(),
                settings.isRateLimited() ? settings.ratePerSecond() + " probes/s" : "unlimited",
                pass == null ? "each probe corrupted on its own" : "copied from a pass of " + pass.size()
                        + " corrupted probes");
    }
}
