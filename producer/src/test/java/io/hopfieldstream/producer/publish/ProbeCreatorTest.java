package io.hopfieldstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.schemas.Probe;

class ProbeCreatorTest {

    private static final List<ProbeTarget> TARGETS = ProbeTarget.stored(IntStream.range(0, 7)
            .mapToObj(index -> new CifarImage(CifarSplit.TEST, index, index % 10, pixels(index)))
            .toList());

    private static final ProbeFactory FACTORY =
            new ProbeFactory("chunks", CorruptionSpec.parse("gaussian:30+dropout:0.2"), 17L);

    @Test
    void parallelChunkMatchesSequential() {
        List<Probe> sequential;
        List<Probe> parallel;
        try (ProbeCreator one = new ProbeCreator(1); ProbeCreator four = new ProbeCreator(4)) {
            sequential = one.create(FACTORY, TARGETS, 100, 200);
            parallel = four.create(FACTORY, TARGETS, 100, 200);
        }

        assertThat(parallel).isEqualTo(sequential);
        assertThat(parallel).extracting(Probe::getProbeIndex)
                .containsExactlyElementsOf(IntStream.range(100, 300).mapToObj(Long::valueOf).toList());
    }

    @Test
    void chunkTargetsFollowProbeIndex() {
        try (ProbeCreator creator = new ProbeCreator(2)) {
            List<Probe> probes = creator.create(FACTORY, TARGETS, 13, 40);

            for (Probe probe : probes) {
                String expected = TARGETS.get((int) (probe.getProbeIndex() % TARGETS.size())).truthPatternId();
                assertThat(probe.getTruthPatternId()).isEqualTo(expected);
            }
        }
    }

    @Test
    void creatorRejectsNoThreads() {
        assertThatThrownBy(() -> new ProbeCreator(0)).hasMessage("Probe creation needs at least 1 thread, got 0");
    }

    private static byte[] pixels(int seed) {
        byte[] pixels = new byte[3072];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + seed * 7);
        }
        return pixels;
    }
}
