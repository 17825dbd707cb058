package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.launcher.experiment.sweep.ProbeFill;
import io.hopfieldstream.launcher.experiment.sweep.RandomSubset;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.publish.ProbeFactory;
import io.hopfieldstream.producer.publish.ProbeTarget;
import io.hopfieldstream.producer.publish.ProducerDefaults;
import io.hopfieldstream.producer.publish.PublishException;
import io.hopfieldstream.schemas.Corruption;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.serde.RecordCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The probes of one point: each made by the producer's {@link ProbeFactory} from a different stored image,
 * the images drawn at random from the memory with the point's probe seed.
 *
 * <p>With {@link ProbeFill#KNOWN_MEAN}, the hidden values of each probe are then set to the mean of its
 * known values (over all channels, rounded), and its corruption kind and spec get the suffix
 * {@value #KNOWN_MEAN_SUFFIX}, so such probes never group with zero-filled ones.
 */
public final class PointProbes {

    /** Suffix of the corruption kind and spec of probes whose hidden values hold the known mean. */
    public static final String KNOWN_MEAN_SUFFIX = "+known-mean-fill";

    private final List<Probe> probes;
    private final List<CifarImage> sources;

    private PointProbes(List<Probe> probes, List<CifarImage> sources) {
        this.probes = List.copyOf(probes);
        this.sources = List.copyOf(sources);
    }

    /**
     * Makes the probes of a point.
     *
     * @param memory the images of the point's memory, in memory order
     * @param createdAtMs creation time put on every probe
     */
    public static PointProbes build(SweepPoint point, List<CifarImage> memory, long createdAtMs) {
        PointSettings settings = point.settings();
        int[] chosen = RandomSubset.drawn(memory.size(), settings.probes(), point.probeSeed());
        ProbeFactory factory = new ProbeFactory(point.experimentId(), settings.corruptionSpec(), point.probeSeed());

        List<Probe> probes = new ArrayList<>(chosen.length);
        List<CifarImage> sources = new ArrayList<>(chosen.length);
        for (int i = 0; i < chosen.length; i++) {
            CifarImage image = memory.get(chosen[i]);
            Probe probe = factory.create(new ProbeTarget(image, true), i, createdAtMs);
            if (settings.fill() == ProbeFill.KNOWN_MEAN) {
                probe = fillWithKnownMean(probe);
            }
            probes.add(probe);
            sources.add(image);
        }
        return new PointProbes(probes, sources);
    }

    /** Returns the probes in probe index order. */
    public List<Probe> probes() {
        return probes;
    }

    /** Returns the stored image each probe was made from, in probe index order. */
    public List<CifarImage> sources() {
        return sources;
    }

    /**
     * Publishes the probes keyed by probe id and waits until the broker acknowledged all of them.
     *
     * @return the SHA-256 of the record values in probe index order, as {@link RecordedProbes} computes it
     * @throws PublishException when a probe was not delivered
     */
    public String publish(Map<String, Object> clientProperties, String topic) throws InterruptedException {
        RecordCodec<Probe> codec = RecordCodec.forClass(Probe.class);
        ProbeDigest digest = new ProbeDigest();
        List<Future<RecordMetadata>> sends = new ArrayList<>(probes.size());

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ProducerDefaults.merge(clientProperties, "hopfield-experiment-probes"), new StringSerializer(),
                new ByteArraySerializer())) {
            for (Probe probe : probes) {
                byte[] value = codec.encode(topic, probe);
                digest.add(value);
                sends.add(producer.send(new ProducerRecord<>(topic, probe.getProbeId(), value)));
            }
            producer.flush();
            for (int i = 0; i < sends.size(); i++) {
                try {
                    sends.get(i).get();
                } catch (ExecutionException e) {
                    throw new PublishException("Failed to publish probe " + probes.get(i).getProbeId() + " to "
                            + topic + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        return digest.hex();
    }

    /** Sets every hidden value to the rounded mean of the known values, over all three channels. */
    static Probe fillWithKnownMean(Probe probe) {
        if (probe.getKnownMask() == null) {
            return probe;
        }
        byte[] pixels = bytes(probe.getPixels());
        byte[] mask = bytes(probe.getKnownMask());
        long sum = 0;
        int known = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (mask[i] != 0) {
                sum += Byte.toUnsignedInt(pixels[i]);
                known++;
            }
        }
        byte fill = (byte) (known == 0 ? 0 : Math.round((double) sum / known));
        for (int i = 0; i < pixels.length; i++) {
            if (mask[i] == 0) {
                pixels[i] = fill;
            }
        }

        Corruption corruption = probe.getCorruption();
        Corruption filled = Corruption.newBuilder(corruption)
                .setKind(corruption.getKind() + KNOWN_MEAN_SUFFIX)
                .setSpec(corruption.getSpec() + KNOWN_MEAN_SUFFIX)
                .build();
        return Probe.newBuilder(probe)
                .setPixels(ByteBuffer.wrap(pixels))
                .setCorruption(filled)
                .build();
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
