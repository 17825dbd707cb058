package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.serde.RecordCodec;
import io.hopfieldstream.schemas.serde.RecordDecodeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probes of one experiment as recorded on the probe topic, read from the start of every partition to
 * its end as a read_committed reader sees them. Their {@link #digest()} equals the digest that
 * {@link PointProbes#publish} returned exactly when the recorded values are the published bytes.
 *
 * @param experimentId the experiment
 * @param probes the recorded probes in probe index order, each once (the first record of a probe id wins)
 * @param values the recorded record values, in the same order
 * @param duplicates records of a probe id that was already read
 */
public record RecordedProbes(String experimentId, List<Probe> probes, List<byte[]> values, int duplicates) {

    private static final Logger log = LoggerFactory.getLogger(RecordedProbes.class);

    public RecordedProbes {
        probes = List.copyOf(probes);
        values = List.copyOf(values);
    }

    /**
     * Reads the recorded probes of an experiment.
     *
     * @throws IllegalStateException when the topic cannot be read to its end within five minutes
     */
    public static RecordedProbes read(Map<String, Object> clientProperties, String topic, String experimentId) {
        RecordCodec<Probe> codec = RecordCodec.forClass(Probe.class);
        Map<String, Indexed> byProbeId = new HashMap<>();
        int[] duplicates = new int[1];
        TopicScan.scan(clientProperties, topic, "hopfield-experiment-probe-reader", record -> {
            Probe probe = decode(codec, record);
            if (probe != null && experimentId.equals(probe.getExperimentId())
                    && byProbeId.putIfAbsent(probe.getProbeId(), new Indexed(probe, record.value())) != null) {
                duplicates[0]++;
            }
        });

        List<Indexed> ordered = new ArrayList<>(byProbeId.values());
        ordered.sort(Comparator.comparingLong((Indexed indexed) -> indexed.probe().getProbeIndex())
                .thenComparing(indexed -> indexed.probe().getProbeId()));
        return new RecordedProbes(experimentId, ordered.stream().map(Indexed::probe).toList(),
                ordered.stream().map(Indexed::value).toList(), duplicates[0]);
    }

    /** Returns the number of recorded probes. */
    public int size() {
        return probes.size();
    }

    /** Returns the SHA-256 of the recorded values in probe index order, as 64 hex digits. */
    public String digest() {
        ProbeDigest digest = new ProbeDigest();
        values.forEach(digest::add);
        return digest.hex();
    }

    private static Probe decode(RecordCodec<Probe> codec, ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return codec.decode(record.topic(), record.value());
        } catch (RecordDecodeException e) {
            log.debug("Skipped an undecodable record on {} partition {} offset {}: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }

    private record Indexed(Probe probe, byte[] value) {
    }
}
