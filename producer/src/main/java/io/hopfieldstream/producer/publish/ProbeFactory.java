package io.hopfieldstream.producer.publish;

import java.nio.ByteBuffer;
import java.util.Objects;

import io.hopfieldstream.producer.corruption.CorruptedImage;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.corruption.ProbeRandom;
import io.hopfieldstream.schemas.Probe;

/**
 * Makes the probes of one experiment. Probe {@code i} gets the id {@code <experimentId>-<i, 6 digits>} and the
 * corruption seed {@link ProbeRandom#seedFor(long, long) seedFor(experimentSeed, i)}, so the same experiment
 * seed, probe index, image and spec always give the same probe pixels.
 */
public final class ProbeFactory {

    private final String experimentId;
    private final CorruptionSpec corruption;
    private final long experimentSeed;

    /** Creates the factory of one experiment. */
    public ProbeFactory(String experimentId, CorruptionSpec corruption, long experimentSeed) {
        this.experimentId = Objects.requireNonNull(experimentId, "experimentId");
        this.corruption = Objects.requireNonNull(corruption, "corruption");
        this.experimentSeed = experimentSeed;
    }

    /** Returns the id of probe {@code probeIndex}, for example "exp1-000042". */
    public String probeId(long probeIndex) {
        return String.format("%s-%06d", experimentId, probeIndex);
    }

    /**
     * Makes one probe.
     *
     * @param target      the source image and whether it is stored
     * @param probeIndex  position of the probe in its experiment, 0-based
     * @param createdAtMs creation time, milliseconds since the Unix epoch
     */
    public Probe create(ProbeTarget target, long probeIndex, long createdAtMs) {
        long seed = ProbeRandom.seedFor(experimentSeed, probeIndex);
        CorruptedImage corrupted = corruption.apply(target.image().pixels(), seed);

        return Probe.newBuilder()
                .setExperimentId(experimentId)
                .setProbeId(probeId(probeIndex))
                .setProbeIndex(probeIndex)
                .setTruthPatternId(target.truthPatternId())
                .setLabel(target.image().label())
                .setCorruption(corruption.toRecord(seed))
                .setKnownMask(corrupted.knownMask() == null ? null : ByteBuffer.wrap(corrupted.knownMask()))
                .setPixels(ByteBuffer.wrap(corrupted.pixels()))
                .setCreatedAtMs(createdAtMs)
                .build();
    }
}
