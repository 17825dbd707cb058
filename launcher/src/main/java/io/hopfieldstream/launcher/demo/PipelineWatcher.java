package io.hopfieldstream.launcher.demo;

import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.serde.RecordDecodeException;
import io.hopfieldstream.schemas.serde.RecordSerdes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one experiment through the pipeline from the outside, as a read_committed reader of the
 * probe, reconstruction, metrics and dead-letter topics. It counts probes and reconstructions per
 * corruption, keeps the latest rolling and cumulative metrics, and keeps a few probes with their
 * reconstructions for the picture. It starts at the end of each topic, so it sees only what is
 * written after {@link #start()} returns.
 */
public final class PipelineWatcher implements AutoCloseable {

    /** Maximum wait for a topic's partitions and end offsets at start. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(PipelineWatcher.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final String WINDOW_COUNT = "count";
    private static final String WINDOW_CUMULATIVE = "cumulative";

    private final Map<String, Object> kafkaProperties;
    private final String experimentId;
    private final Map<String, byte[]> originals;
    private final int samplesPerCorruption;

    private final Deserializer<Probe> probes = RecordSerdes.probe().deserializer();
    private final Deserializer<Reconstruction> reconstructions = RecordSerdes.reconstruction().deserializer();
    private final Deserializer<WindowMetrics> metrics = RecordSerdes.windowMetrics().deserializer();

    private final Map<CorruptionKey, Long> probesByCorruption = new TreeMap<>();
    private final Map<CorruptionKey, Long> reconstructionsByCorruption = new TreeMap<>();
    private final Set<String> reconstructedProbeIds = new HashSet<>();
    private final Map<CorruptionKey, WindowMetrics> rolling = new TreeMap<>();
    private final Map<CorruptionKey, WindowMetrics> cumulative = new TreeMap<>();
    private final Map<String, SampleProbe> samples = new LinkedHashMap<>();
    private final Map<CorruptionKey, Integer> samplesTaken = new HashMap<>();
    private long probeCount;
    private long duplicateReconstructions;
    private long deadLetters;
    private long undecodable;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    private volatile boolean running;
    private volatile Throwable failure;

    /**
     * @param kafkaProperties client properties (bootstrap servers, security)
     * @param experimentId the experiment to follow; records of other experiments are ignored
     * @param originals stored images by patternId, for the picture
     * @param samplesPerCorruption probes kept per corruption for the picture
     */
    public PipelineWatcher(Map<String, ?> kafkaProperties, String experimentId, Map<String, byte[]> originals,
            int samplesPerCorruption) {
        this.kafkaProperties = new HashMap<>(kafkaProperties);
        this.experimentId = Objects.requireNonNull(experimentId, "experimentId");
        this.originals = Map.copyOf(originals);
        this.samplesPerCorruption = samplesPerCorruption;
    }

    /** Positions the consumer at the end of every watched topic and starts following them. */
    public void start() {
        Map<String, Object> config = new HashMap<>(kafkaProperties);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hopfield-demo-watcher");
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());

        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.IMAGES_CORRUPTED, Topics.IMAGES_RECONSTRUCTED, Topics.METRICS_ROLLING,
                Topics.IMAGES_DEAD_LETTER)) {
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
        thread = new Thread(this::follow, "demo-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns a consistent copy of what was seen so far. */
    public synchronized Progress progress() {
        return new Progress(probeCount, reconstructedProbeIds.size(), duplicateReconstructions, deadLetters,
                undecodable, new TreeMap<>(probesByCorruption), new TreeMap<>(reconstructionsByCorruption),
                new TreeMap<>(rolling), new TreeMap<>(cumulative));
    }

    /** Returns the kept probes that have a reconstruction, in the order their probes arrived. */
    public synchronized List<Triplet> triplets() {
        List<Triplet> triplets = new ArrayList<>();
        for (SampleProbe sample : samples.values()) {
            if (sample.reconstruction != null) {
                triplets.add(new Triplet(sample.spec, sample.label, sample.original, sample.pixels,
                        sample.reconstruction, sample.exactMatch, sample.weight));
            }
        }
        return triplets;
    }

    /** Returns the error that stopped the watcher, if any. */
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
                log.warn("The demo watcher did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            // close() ends the poll; nothing else raises it.
        } catch (RuntimeException e) {
            failure = e;
            log.error("The demo watcher failed: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        try {
            switch (record.topic()) {
                case Topics.IMAGES_CORRUPTED -> onProbe(probes.deserialize(record.topic(), record.value()));
                case Topics.IMAGES_RECONSTRUCTED ->
                        onReconstruction(reconstructions.deserialize(record.topic(), record.value()));
                case Topics.METRICS_ROLLING -> onMetrics(metrics.deserialize(record.topic(), record.value()));
                default -> onDeadLetter();
            }
        } catch (RecordDecodeException e) {
            synchronized (this) {
                undecodable++;
            }
            log.warn("Skipped an undecodable record on {} partition {} offset {}: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    private synchronized void onProbe(Probe probe) {
        if (probe == null || !experimentId.equals(probe.getExperimentId())) {
            return;
        }
        CorruptionKey key = CorruptionKey.of(probe.getCorruption());
        probeCount++;
        probesByCorruption.merge(key, 1L, Long::sum);

        int taken = samplesTaken.getOrDefault(key, 0);
        byte[] original = probe.getTruthPatternId() == null ? null : originals.get(probe.getTruthPatternId());
        if (taken < samplesPerCorruption && original != null) {
            samplesTaken.put(key, taken + 1);
            samples.put(probe.getProbeId(), new SampleProbe(probe.getCorruption().getSpec(), probe.getLabel(),
                    original, bytes(probe.getPixels())));
        }
    }

    private synchronized void onReconstruction(Reconstruction reconstruction) {
        if (reconstruction == null || !experimentId.equals(reconstruction.getExperimentId())) {
            return;
        }
        if (!reconstructedProbeIds.add(reconstruction.getProbeId())) {
            duplicateReconstructions++;
            return;
        }
        reconstructionsByCorruption.merge(CorruptionKey.of(reconstruction.getCorruption()), 1L, Long::sum);

        SampleProbe sample = samples.get(reconstruction.getProbeId());
        if (sample != null) {
            sample.reconstruction = bytes(reconstruction.getPixels());
            sample.exactMatch = reconstruction.getTruthPatternId() != null
                    && reconstruction.getTruthPatternId().equals(reconstruction.getRetrievedPatternId());
            sample.weight = reconstruction.getRetrievedWeight();
        }
    }

    private synchronized void onMetrics(WindowMetrics windowMetrics) {
        if (windowMetrics == null || !experimentId.equals(windowMetrics.getExperimentId())) {
            return;
        }
        CorruptionKey key = CorruptionKey.of(windowMetrics);
        if (WINDOW_COUNT.equals(windowMetrics.getWindowType())) {
            rolling.merge(key, windowMetrics, PipelineWatcher::later);
        } else if (WINDOW_CUMULATIVE.equals(windowMetrics.getWindowType())) {
            cumulative.merge(key, windowMetrics, PipelineWatcher::larger);
        }
    }

    private synchronized void onDeadLetter() {
        deadLetters++;
    }

    /** Keeps the window that ends later, or the one emitted later when both end together. */
    private static WindowMetrics later(WindowMetrics kept, WindowMetrics arrived) {
        if (arrived.getWindowEndMs() != kept.getWindowEndMs()) {
            return arrived.getWindowEndMs() > kept.getWindowEndMs() ? arrived : kept;
        }
        return arrived.getEmittedAtMs() >= kept.getEmittedAtMs() ? arrived : kept;
    }

    /** Keeps the cumulative total that counts more reconstructions; totals only grow within a run. */
    private static WindowMetrics larger(WindowMetrics kept, WindowMetrics arrived) {
        if (arrived.getCount() != kept.getCount()) {
            return arrived.getCount() > kept.getCount() ? arrived : kept;
        }
        return arrived.getEmittedAtMs() >= kept.getEmittedAtMs() ? arrived : kept;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /**
     * Counts and metrics of the experiment collected by the watcher.
     *
     * @param probes probes of the experiment read from the probe topic
     * @param reconstructions distinct probes with a committed reconstruction
     * @param duplicateReconstructions reconstructions of a probe that already had one
     * @param deadLetters records written to the dead-letter topic, of any experiment
     * @param undecodable records the watcher could not decode
     * @param rolling latest count-window metrics per corruption
     * @param cumulative latest cumulative metrics per corruption
     */
    public record Progress(long probes, long reconstructions, long duplicateReconstructions, long deadLetters,
            long undecodable, Map<CorruptionKey, Long> probesByCorruption,
            Map<CorruptionKey, Long> reconstructionsByCorruption, Map<CorruptionKey, WindowMetrics> rolling,
            Map<CorruptionKey, WindowMetrics> cumulative) {

        /** Returns whether the cumulative metrics of every corruption count all of its reconstructions. */
        public boolean metricsCaughtUp() {
            if (reconstructionsByCorruption.isEmpty()) {
                return false;
            }
            for (Map.Entry<CorruptionKey, Long> entry : reconstructionsByCorruption.entrySet()) {
                WindowMetrics total = cumulative.get(entry.getKey());
                if (total == null || total.getCount() + total.getUnscoredCount() < entry.getValue()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A kept probe, waiting for its reconstruction. */
    private static final class SampleProbe {
        final String spec;
        final int label;
        final byte[] original;
        final byte[] pixels;
        byte[] reconstruction;
        boolean exactMatch;
        double weight;

        SampleProbe(String spec, int label, byte[] original, byte[] pixels) {
            this.spec = spec;
            this.label = label;
            this.original = original;
            this.pixels = pixels;
        }
    }
}
