package io.hopfieldstream.producer.publish;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.schemas.Probe;

/**
 * One pass of corrupted probes over a target list, made once and then repeated under new ids, for load
 * tests in which the cost of corrupting images is not what is measured.
 *
 * <p>Probe {@code i} copies the pixels, mask, truth, label and corruption (with its seed) of the pass's
 * entry {@code (i - firstIndex) mod targets}, the probe made for index {@code firstIndex + that entry}, and
 * gets its own id and index. Target {@code i mod targets} is the source of both, so the truth stays right,
 * and the corruption seed still gives the pixels. Copies share the pass's pixel and mask buffers through
 * duplicates and never change them, so several publishers may use one pass at once.
 */
public final class CorruptedPass {

    private final ProbeFactory factory;
    private final String experimentId;
    private final CorruptionSpec corruption;
    private final long experimentSeed;
    private final List<Probe> pass;
    private final long firstIndex;

    private CorruptedPass(ProbeFactory factory, String experimentId, CorruptionSpec corruption, long experimentSeed,
                          List<Probe> pass, long firstIndex) {
        this.factory = factory;
        this.experimentId = experimentId;
        this.corruption = corruption;
        this.experimentSeed = experimentSeed;
        this.pass = pass;
        this.firstIndex = firstIndex;
    }

    /**
     * Corrupts one pass over {@code targets} for probes {@code firstIndex .. firstIndex + targets.size() - 1}.
     *
     * @param threads threads that corrupt the images, at least 1
     */
    public static CorruptedPass corrupt(String experimentId, CorruptionSpec corruption, long experimentSeed,
                                        List<ProbeTarget> targets, long firstIndex, int threads) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("No images to probe: the target list is empty");
        }
        ProbeFactory factory = new ProbeFactory(experimentId, corruption, experimentSeed);
        List<Probe> pass;
        try (ProbeCreator creator = new ProbeCreator(threads)) {
            pass = creator.create(factory, targets, firstIndex, targets.size());
        }
        return new CorruptedPass(factory, experimentId, corruption, experimentSeed, List.copyOf(pass), firstIndex);
    }

    /** Returns the number of distinct probes, one per target. */
    public int size() {
        return pass.size();
    }

    /**
     * Checks that this pass was made for the settings' experiment, corruption and seed and for a target list
     * of this size.
     *
     * @throws IllegalArgumentException when it was not
     */
    void checkMatches(ProbeSettings settings, List<ProbeTarget> targets) {
        if (!experimentId.equals(settings.experimentId()) || !corruption.equals(settings.corruption())
                || experimentSeed != settings.experimentSeed() || pass.size() != targets.size()) {
            throw new IllegalArgumentException("The corrupted pass of experiment " + experimentId + " ("
                    + corruption.spec() + ", seed " + experimentSeed + ", " + pass.size() + " probes) does not match"
                    + " experiment " + settings.experimentId() + " (" + settings.corruption().spec() + ", seed "
                    + settings.experimentSeed() + ", " + targets.size() + " targets)");
        }
    }

    /** Returns probes {@code first .. first + count - 1}, each with creation time 0. */
    List<Probe> probes(long first, int count) {
        List<Probe> probes = new ArrayList<>(count);
        for (long index = first; index < first + count; index++) {
            probes.add(probe(index));
        }
        return probes;
    }

    private Probe probe(long index) {
        Probe template = pass.get((int) Math.floorMod(index - firstIndex, (long) pass.size()));
        ByteBuffer mask = template.getKnownMask();
        return Probe.newBuilder()
                .setExperimentId(template.getExperimentId())
                .setProbeId(factory.probeId(index))
                .setProbeIndex(index)
                .setTruthPatternId(template.getTruthPatternId())
                .setLabel(template.getLabel())
                .setCorruption(template.getCorruption())
                .setKnownMask(mask == null ? null : mask.duplicate())
                .setPixels(template.getPixels().duplicate())
                .setCreatedAtMs(0L)
                .build();
    }
}
