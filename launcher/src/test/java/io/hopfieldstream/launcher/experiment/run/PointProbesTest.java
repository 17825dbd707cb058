package io.hopfieldstream.launcher.experiment.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.launcher.experiment.sweep.MemorySpec;
import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.launcher.experiment.sweep.ProbeFill;
import io.hopfieldstream.launcher.experiment.sweep.SweepExpansion;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.schemas.Probe;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PointProbesTest {

    private static List<CifarImage> memory(int size) {
        List<CifarImage> images = new ArrayList<>();
        for (int n = 0; n < size; n++) {
            byte[] pixels = new byte[CifarImage.PIXEL_COUNT];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte) (40 + (i * 13 + n * 7) % 150);
            }
            images.add(new CifarImage(CifarSplit.TEST, n, n % 10, pixels));
        }
        return images;
    }

    private static SweepPoint point(String corruption, ProbeFill fill, int probes) {
        PointSettings defaults = PointSettings.defaults();
        PointSettings settings = new PointSettings(MemorySpec.parse("test:mixed:50"), corruption, fill,
                defaults.beta(), defaults.iterations(), defaults.tolerance(), defaults.normalization(),
                defaults.maskAware(), defaults.threshold(), probes);
        return new SweepPoint(4, "exp-p004", settings, SweepExpansion.probeSeed(9, settings));
    }

    @Test
    void probesComeFromDistinctStoredImages() {
        List<CifarImage> memory = memory(50);

        PointProbes probes = PointProbes.build(point("gaussian:25", ProbeFill.ZERO, 20), memory, 1_000L);

        assertThat(probes.probes()).hasSize(20);
        Set<String> truths = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Probe probe = probes.probes().get(i);
            assertThat(probe.getProbeId()).isEqualTo(String.format("exp-p004-%06d", i));
            assertThat(probe.getExperimentId()).isEqualTo("exp-p004");
            assertThat(probe.getTruthPatternId()).isEqualTo(probes.sources().get(i).patternId());
            assertThat(probe.getCreatedAtMs()).isEqualTo(1_000L);
            truths.add(probe.getTruthPatternId());
        }
        assertThat(truths).hasSize(20);
    }

    @Test
    void samePointGivesSameProbes() {
        List<CifarImage> memory = memory(50);
        SweepPoint point = point("dropout:0.5", ProbeFill.ZERO, 10);

        PointProbes first = PointProbes.build(point, memory, 5L);
        PointProbes second = PointProbes.build(point, memory, 5L);

        assertThat(second.probes()).isEqualTo(first.probes());
    }

    @Test
    void knownMeanFillsHiddenValues() {
        List<CifarImage> memory = memory(50);

        PointProbes zero = PointProbes.build(point("lower-half", ProbeFill.ZERO, 5), memory, 5L);
        PointProbes filled = PointProbes.build(point("lower-half", ProbeFill.KNOWN_MEAN, 5), memory, 5L);

        for (int n = 0; n < 5; n++) {
            byte[] zeroPixels = PointProbes.bytes(zero.probes().get(n).getPixels());
            byte[] filledPixels = PointProbes.bytes(filled.probes().get(n).getPixels());
            byte[] mask = PointProbes.bytes(filled.probes().get(n).getKnownMask());
            long sum = 0;
            int known = 0;
            for (int i = 0; i < mask.length; i++) {
                if (mask[i] == 1) {
                    sum += Byte.toUnsignedInt(zeroPixels[i]);
                    known++;
                }
            }
            int mean = (int) Math.round((double) sum / known);
            assertThat(known).as("the lower half hides half of the values").isEqualTo(1536);
            for (int i = 0; i < mask.length; i++) {
                int expected = mask[i] == 1 ? Byte.toUnsignedInt(zeroPixels[i]) : mean;
                assertThat(Byte.toUnsignedInt(filledPixels[i])).as("value %d", i).isEqualTo(expected);
            }
            assertThat(filled.probes().get(n).getCorruption().getKind()).isEqualTo("lower-half+known-mean-fill");
            assertThat(filled.probes().get(n).getCorruption().getSeed())
                    .isEqualTo(zero.probes().get(n).getCorruption().getSeed());
        }
    }
}
