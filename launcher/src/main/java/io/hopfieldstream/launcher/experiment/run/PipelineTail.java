package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.deadletter.DeadLetterHeaders;
import io.hopfieldstream.schemas.serde.RecordCodec;
import io.hopfieldstream.schemas.serde.RecordDecodeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pipeline's output as any read_committed client would: the reconstruction, metrics and
 * dead-letter topics, from their ends when the tail opens. It keeps, for the experiments it tracks,
 * the latest cumulative metrics of each run, a summary of each reconstruction, the pixels of chosen
 * sample probes, and the dead letters whose key is one of their probe ids. Polled by the thread that
 * waits for results; not thread-safe.
 */
public final class PipelineTail implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PipelineTail.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String CUMULATIVE = "cumulative";

    private final TopicNames topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecordCodec<Reconstruction> reconstructionCodec = RecordCodec.forClass(Reconstruction.class);
    private final RecordCodec<WindowMetrics> metricsCodec = RecordCodec.forClass(WindowMetrics.class);

    private final Map<String, Set<String>> tracked = new HashMap<>();
    private final Map<RunKey, WindowMetrics> cumulative = new HashMap<>();
    private final Map<RunKey, Map<String, ReconstructionSummary>> reconstructions = new HashMap<>();
    private final Map<RunKey, Map<String, byte[]>> samplePixels = new HashMap<>();
    private final Map<String, Map<String, Long>> deadLettersByReason = new HashMap<>();
    private long undecodable;

    private PipelineTail(TopicNames topics, KafkaConsumer<byte[], byte[]> consumer) {
        this.topics = topics;
        this.consumer = consumer;
    }

    /**
     * Opens the tail at the current end of the reconstruction, metrics and dead-letter topics.
     *
     * @throws IllegalStateException when a topic does not exist
     */
    public static PipelineTail open(Map<String, Object> clientProperties, TopicNames topics) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hopfield-experiment-tail");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.reconstructions(), topics.metrics(), topics.deadLetter())) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, START_TIMEOUT);
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("Topic " + topic + " does not exist");
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(partition -> consumer.position(partition, START_TIMEOUT));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        return new PipelineTail(topics, consumer);
    }

    /**
     * Starts keeping the output of an experiment; records written before this call are kept only if not
     * yet polled.
     *
     * @param sampleProbeIds probes whose reconstructed pixels are kept
     */
    public void track(String experimentId, Set<String> sampleProbeIds) {
        tracked.put(experimentId, Set.copyOf(sampleProbeIds));
    }

    /** Reads what arrived, waiting at most {@code timeout} for the first records. */
    public void poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            try {
                if (record.topic().equals(topics.reconstructions())) {
                    onReconstruction(record);
                } else if (record.topic().equals(topics.metrics())) {
                    onMetrics(record);
                } else {
                    onDeadLetter(record);
                }
            } catch (RecordDecodeException e) {
                undecodable++;
                log.warn("Skipped an undecodable record on {} partition {} offset {}: {}", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
            }
        }
    }

    /** Returns the latest cumulative metrics of a run, or null when none arrived. */
    public WindowMetrics cumulative(RunKey run) {
        return cumulative.get(run);
    }

    /** Returns the runs of an experiment that have reconstructions or metrics, in run id order. */
    public List<String> runIds(String experimentId) {
        TreeMap<String, Boolean> runs = new TreeMap<>();
        reconstructions.keySet().stream().filter(key -> key.experimentId().equals(experimentId))
                .forEach(key -> runs.put(key.runId(), true));
        cumulative.keySet().stream().filter(key -> key.experimentId().equals(experimentId))
                .forEach(key -> runs.put(key.runId(), true));
        return List.copyOf(runs.keySet());
    }

    /** Returns the reconstructions of a run by probe id; a probe reconstructed twice in a run counts once. */
    public Map<String, ReconstructionSummary> reconstructions(RunKey run) {
        return Map.copyOf(reconstructions.getOrDefault(run, Map.of()));
    }

    /** Returns the reconstructed pixels of the tracked sample probes of a run, by probe id. */
    public Map<String, byte[]> samplePixels(RunKey run) {
        return Map.copyOf(samplePixels.getOrDefault(run, Map.of()));
    }

    /** Returns the dead letters of an experiment's probes and reconstructions by reason, since it was tracked. */
    public Map<String, Long> deadLetters(String experimentId) {
        return Map.copyOf(deadLettersByReason.getOrDefault(experimentId, Map.of()));
    }

    /** Returns how many records the tail could not decode. */
    public long undecodable() {
        return undecodable;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private void onReconstruction(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        Reconstruction reconstruction = reconstructionCodec.decode(record.topic(), record.value());
        Set<String> samples = tracked.get(reconstruction.getExperimentId());
        if (samples == null) {
            return;
        }
        RunKey run = new RunKey(reconstruction.getExperimentId(), reconstruction.getRunId());
        reconstructions.computeIfAbsent(run, key -> new LinkedHashMap<>())
                .putIfAbsent(reconstruction.getProbeId(), RecordedRuns.summary(reconstruction));
        if (samples.contains(reconstruction.getProbeId())) {
            samplePixels.computeIfAbsent(run, key -> new HashMap<>())
                    .put(reconstruction.getProbeId(), PointProbes.bytes(reconstruction.getPixels()));
        }
    }

    private void onMetrics(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        WindowMetrics metrics = metricsCodec.decode(record.topic(), record.value());
        if (!tracked.containsKey(metrics.getExperimentId()) || !CUMULATIVE.equals(metrics.getWindowType())) {
            return;
        }
        cumulative.merge(new RunKey(metrics.getExperimentId(), metrics.getRunId()), metrics, RecordedRuns::larger);
    }

    private void onDeadLetter(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        for (String experimentId : tracked.keySet()) {
            if (key.startsWith(experimentId + "-")) {
                Header reason = record.headers().lastHeader(DeadLetterHeaders.REASON);
                String code = reason == null ? "unknown" : new String(reason.value(), StandardCharsets.UTF_8);
                deadLettersByReason.computeIfAbsent(experimentId, id -> new TreeMap<>()).merge(code, 1L, Long::sum);
                return;
            }
        }
    }
}
