package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.serde.RecordCodec;
import io.hopfieldstream.schemas.serde.RecordDecodeException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every retrieval run of one experiment as recorded on the reconstruction and metrics topics: the latest
 * cumulative metrics of each run and a summary of each of its reconstructions.
 *
 * @param experimentId the experiment
 * @param metrics latest cumulative metrics by run id
 * @param reconstructions reconstructions by run id, then by probe id (the first record of a probe wins)
 */
public record RecordedRuns(String experimentId, Map<String, WindowMetrics> metrics,
        Map<String, Map<String, ReconstructionSummary>> reconstructions) {

    private static final String CUMULATIVE = "cumulative";

    /**
     * Reads the runs of an experiment from the start of both topics to their current ends.
     *
     * @throws IllegalStateException when a topic cannot be read to its end within five minutes
     */
    public static RecordedRuns read(Map<String, Object> clientProperties, TopicNames topics, String experimentId) {
        RecordCodec<WindowMetrics> metricsCodec = RecordCodec.forClass(WindowMetrics.class);
        Map<String, WindowMetrics> metrics = new TreeMap<>();
        TopicScan.scan(clientProperties, topics.metrics(), "hopfield-experiment-metrics-reader", record -> {
            WindowMetrics window = decode(metricsCodec, record);
            if (window != null && experimentId.equals(window.getExperimentId())
                    && CUMULATIVE.equals(window.getWindowType())) {
                metrics.merge(window.getRunId(), window, RecordedRuns::larger);
            }
        });

        RecordCodec<Reconstruction> reconstructionCodec = RecordCodec.forClass(Reconstruction.class);
        Map<String, Map<String, ReconstructionSummary>> reconstructions = new TreeMap<>();
        TopicScan.scan(clientProperties, topics.reconstructions(), "hopfield-experiment-reconstruction-reader",
                record -> {
                    Reconstruction reconstruction = decode(reconstructionCodec, record);
                    if (reconstruction == null || !experimentId.equals(reconstruction.getExperimentId())) {
                        return;
                    }
                    reconstructions.computeIfAbsent(reconstruction.getRunId(), run -> new LinkedHashMap<>())
                            .putIfAbsent(reconstruction.getProbeId(), summary(reconstruction));
                });
        return new RecordedRuns(experimentId, metrics, reconstructions);
    }

    /** Returns a summary of a reconstruction, with the first 8 bytes of the SHA-256 of its pixels. */
    static ReconstructionSummary summary(Reconstruction reconstruction) {
        ByteBuffer pixels = reconstruction.getPixels().duplicate();
        byte[] bytes = new byte[pixels.remaining()];
        pixels.get(bytes);
        long hash;
        try {
            hash = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(bytes)).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256, which every Java platform must provide", e);
        }
        return new ReconstructionSummary(reconstruction.getProbeId(), reconstruction.getRetrievedPatternId(),
                reconstruction.getRetrievedWeight(), reconstruction.getAttentionSpread(),
                reconstruction.getProbeCreatedAtMs(), reconstruction.getCorruption().getSeed(), hash);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> T decode(RecordCodec<T> codec,
            ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return codec.decode(record.topic(), record.value());
        } catch (RecordDecodeException e) {
            return null;
        }
    }

    /** Keeps the total that counts more reconstructions, because cumulative totals only grow within a run. */
    static WindowMetrics larger(WindowMetrics kept, WindowMetrics arrived) {
        long keptCount = kept.getCount() + kept.getUnscoredCount();
        long arrivedCount = arrived.getCount() + arrived.getUnscoredCount();
        if (arrivedCount != keptCount) {
            return arrivedCount > keptCount ? arrived : kept;
        }
        return arrived.getEmittedAtMs() >= kept.getEmittedAtMs() ? arrived : kept;
    }
}
