package io.hopfieldstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Topics;

class CorruptedPassTest {

    private static final CorruptionSpec SPEC = CorruptionSpec.parse("gaussian:25+lower-half");
    private static final List<ProbeTarget> TARGETS = IntStream.range(0, 5)
            .mapToObj(i -> new ProbeTarget(new CifarImage(CifarSplit.TEST, i, i % 10, shade(i)), i != 3))
            .toList();

    @Test
    void copiesRepeatThePassUnderNewIds() {
        CorruptedPass pass = CorruptedPass.corrupt("exp", SPEC, 7L, TARGETS, 100L, 2);
        ProbeFactory factory = new ProbeFactory("exp", SPEC, 7L);

        List<Probe> probes = pass.probes(1_003, 7);

        assertThat(pass.size()).isEqualTo(5);
        assertThat(probes).extracting(Probe::getProbeIndex)
                .containsExactly(1_003L, 1_004L, 1_005L, 1_006L, 1_007L, 1_008L, 1_009L);
        assertThat(probes).extracting(Probe::getProbeId).doesNotHaveDuplicates().contains("exp-001003");
        for (Probe probe : probes) {
            long index = probe.getProbeIndex();
            long passIndex = 100L + Math.floorMod(index - 100L, 5L);
            Probe original = factory.create(TARGETS.get((int) (passIndex % 5)), passIndex, 0L);
            ProbeTarget target = TARGETS.get((int) (index % 5));

            assertThat(probe.getTruthPatternId()).as("truth of probe %d", index)
                    .isEqualTo(target.truthPatternId());
            assertThat(probe.getCorruption()).isEqualTo(original.getCorruption());
            assertThat(bytes(probe.getPixels())).isEqualTo(bytes(original.getPixels()));
            assertThat(bytes(probe.getKnownMask())).isEqualTo(bytes(original.getKnownMask()));
        }
    }

    @Test
    void indicesBelowTheFirstWrapAround() {
        CorruptedPass pass = CorruptedPass.corrupt("exp", SPEC, 7L, TARGETS, 10L, 1);

        Probe probe = pass.probes(2, 1).get(0);

        assertThat(probe.getTruthPatternId()).isEqualTo(TARGETS.get(2).truthPatternId());
    }

    @Test
    void readingACopyLeavesThePassIntact() {
        CorruptedPass pass = CorruptedPass.corrupt("exp", SPEC, 7L, TARGETS, 0L, 1);
        ByteBuffer first = pass.probes(0, 1).get(0).getPixels();
        first.get(new byte[100]);

        ByteBuffer again = pass.probes(5, 1).get(0).getPixels();

        assertThat(again.remaining()).isEqualTo(Topics.PIXELS_PER_IMAGE);
    }

    @Test
    void mismatchedSettingsAreRejected() {
        CorruptedPass pass = CorruptedPass.corrupt("exp", SPEC, 7L, TARGETS, 0L, 1);
        ProbeSettings otherSeed = ProbeSettings.defaults("exp", SPEC).withSeed(8L);
        ProbeSettings same = ProbeSettings.defaults("exp", SPEC).withSeed(7L);

        assertThatThrownBy(() -> pass.checkMatches(otherSeed, TARGETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed 8");
        assertThatThrownBy(() -> pass.checkMatches(same, TARGETS.subList(0, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 targets");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private static byte[] shade(int seed) {
        byte[] pixels = new byte[Topics.PIXELS_PER_IMAGE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ((i * (seed + 3)) % 251);
        }
        return pixels;
    }
}
