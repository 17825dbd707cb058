package io.hopfieldstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.corruption.ProbeRandom;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.schemas.Probe;

class ProbeFactoryTest {

    private static final CifarImage IMAGE = new CifarImage(CifarSplit.TRAIN, 12_345, 4, gradient());

    @Test
    void probeFromStoredImage() {
        CorruptionSpec spec = CorruptionSpec.parse("gaussian:10+lower-half");
        ProbeFactory factory = new ProbeFactory("exp1", spec, 99L);

        Probe probe = factory.create(new ProbeTarget(IMAGE, true), 42, 1_700_000_000_000L);

        long seed = ProbeRandom.seedFor(99L, 42);
        assertThat(probe.getExperimentId()).isEqualTo("exp1");
        assertThat(probe.getProbeId()).isEqualTo("exp1-000042");
        assertThat(probe.getProbeIndex()).isEqualTo(42);
        assertThat(probe.getTruthPatternId()).isEqualTo("train-12345");
        assertThat(probe.getLabel()).isEqualTo(4);
        assertThat(probe.getCreatedAtMs()).isEqualTo(1_700_000_000_000L);
        assertThat(probe.getCorruption().getKind()).isEqualTo("gaussian+lower-half");
        assertThat(probe.getCorruption().getLevel()).isEqualTo(10.0);
        assertThat(probe.getCorruption().getSpec()).isEqualTo("gaussian:10+lower-half");
        assertThat(probe.getCorruption().getSeed()).isEqualTo(seed);
        assertThat(bytes(probe.getPixels())).isEqualTo(spec.apply(IMAGE.pixels(), seed).pixels());
        assertThat(bytes(probe.getKnownMask())).isEqualTo(spec.apply(IMAGE.pixels(), seed).knownMask());
    }

    @Test
    void probeFromUnstoredImage() {
        ProbeFactory factory = new ProbeFactory("exp2", CorruptionSpec.parse("gaussian:10"), 1L);

        Probe probe = factory.create(new ProbeTarget(IMAGE, false), 0, 0L);

        assertThat(probe.getTruthPatternId()).isNull();
        assertThat(probe.getKnownMask()).isNull();
        assertThat(probe.getLabel()).isEqualTo(4);
    }

    @Test
    void probeIdsWiderThanSixDigits() {
        assertThat(new ProbeFactory("e", CorruptionSpec.none(), 0L).probeId(12_345_678)).isEqualTo("e-12345678");
    }

    @Test
    void targetsShuffleBySeed() {
        List<ProbeTarget> targets = ProbeTarget.stored(IntStream.range(0, 50)
                .mapToObj(index -> new CifarImage(CifarSplit.TEST, index, 0, new byte[3072])).toList());

        List<ProbeTarget> shuffled = ProbeTarget.shuffled(targets, 5L);

        assertThat(shuffled).containsExactlyInAnyOrderElementsOf(targets).isNotEqualTo(targets);
        assertThat(ProbeTarget.shuffled(targets, 5L)).isEqualTo(shuffled);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] gradient() {
        byte[] pixels = new byte[3072];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 200 + 20);
        }
        return pixels;
    }
}
