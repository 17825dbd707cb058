package io.hopfieldstream.producer.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hopfieldstream.producer.TestData;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.dataset.CifarSelection;
import io.hopfieldstream.producer.dataset.CifarSplit;

/** Checks each corruption's statistics on the first 200 real test images. */
class CorruptionStatisticsTest {

    private static final int PLANE = 1024;
    private static final int VALUES = 3072;
    private static final long EXPERIMENT_SEED = 20_240_601L;

    /** CRC-32 of gaussian:25 on test image 0 with seed 42, as first produced by this code. */
    private static final long GAUSSIAN_CRC = 635657168L;

    /** CRC-32 of the known-value mask of dropout:0.5 with seed 42, as first produced by this code. */
    private static final long DROPOUT_CRC = 1306111903L;

    private static List<CifarImage> images;

    @BeforeAll
    static void readImages() {
        images = new CifarReader(TestData.source()).read(CifarSelection.range(CifarSplit.TEST, 0, 200));
    }

    @Test
    void gaussianNoiseMeanAndDeviation() {
        double sigma = 25.0;
        CorruptionSpec spec = CorruptionSpec.parse("gaussian:25");
        double sum = 0;
        double sumOfSquares = 0;
        long count = 0;

        for (int probe = 0; probe < images.size(); probe++) {
            byte[] original = images.get(probe).pixels();
            byte[] noisy = spec.apply(original, ProbeRandom.seedFor(EXPERIMENT_SEED, probe)).pixels();
            for (int i = 0; i < VALUES; i++) {
                int value = original[i] & 0xFF;
                // Values at least 4 sigma from either end are clipped with probability below 1e-4.
                if (value >= 4 * sigma && value <= 255 - 4 * sigma) {
                    double change = (noisy[i] & 0xFF) - value;
                    sum += change;
                    sumOfSquares += change * change;
                    count++;
                }
            }
        }
        double mean = sum / count;
        double deviation = Math.sqrt(sumOfSquares / count - mean * mean);

        assertThat(count).isGreaterThan(50_000);
        assertThat(mean).isCloseTo(0.0, within(0.3));
        // Rounding to whole levels adds a variance of 1/12.
        assertThat(deviation).isCloseTo(Math.sqrt(sigma * sigma + 1.0 / 12), within(0.02 * sigma));
    }

    @Test
    void gaussianNoiseClipsAtBothEnds() {
        CorruptionSpec spec = CorruptionSpec.parse("gaussian:80");
        long bright = 0;
        long brightSaturated = 0;
        long brightTurnedDark = 0;
        long dark = 0;
        long darkSaturated = 0;
        long darkTurnedBright = 0;

        for (int probe = 0; probe < images.size(); probe++) {
            byte[] original = images.get(probe).pixels();
            byte[] noisy = spec.apply(original, ProbeRandom.seedFor(EXPERIMENT_SEED, probe)).pixels();
            for (int i = 0; i < VALUES; i++) {
                int before = original[i] & 0xFF;
                int after = noisy[i] & 0xFF;
                if (before >= 245) {
                    bright++;
                    brightSaturated += after == 255 ? 1 : 0;
                    brightTurnedDark += after < 64 ? 1 : 0;
                }
                if (before <= 10) {
                    dark++;
                    darkSaturated += after == 0 ? 1 : 0;
                    darkTurnedBright += after > 191 ? 1 : 0;
                }
            }
        }

        assertThat(bright).isGreaterThan(1_000);
        assertThat(dark).isGreaterThan(1_000);
        assertThat((double) brightSaturated / bright).isGreaterThan(0.4);
        assertThat((double) darkSaturated / dark).isGreaterThan(0.4);
        // Noise below -2.2 sigma has a probability of 1.4%, but a value wrapping around modulo 256 would make this common.
        assertThat((double) brightTurnedDark / bright).isLessThan(0.03);
        assertThat((double) darkTurnedBright / dark).isLessThan(0.03);
    }

    @Test
    void lowerHalfMaskExact() {
        byte[] original = images.get(7).pixels();

        CorruptedImage image = CorruptionSpec.parse("lower-half").apply(original, 1L);

        assertThat(image.knownValueCount()).isEqualTo(VALUES / 2);
        for (int channel = 0; channel < 3; channel++) {
            for (int pixel = 0; pixel < PLANE; pixel++) {
                int i = channel * PLANE + pixel;
                boolean lower = pixel / 32 >= 16;
                assertThat(image.knownMask()[i]).isEqualTo((byte) (lower ? 0 : 1));
                assertThat(image.pixels()[i]).isEqualTo(lower ? 0 : original[i]);
            }
        }
    }

    @Test
    void upperHalfMaskExact() {
        byte[] original = images.get(8).pixels();

        CorruptedImage image = CorruptionSpec.parse("upper-half").apply(original, 1L);

        assertThat(image.knownValueCount()).isEqualTo(VALUES / 2);
        for (int pixel = 0; pixel < PLANE; pixel++) {
            boolean upper = pixel / 32 < 16;
            assertThat(image.knownMask()[pixel]).isEqualTo((byte) (upper ? 0 : 1));
            assertThat(image.knownMask()[2 * PLANE + pixel]).isEqualTo((byte) (upper ? 0 : 1));
        }
    }

    @Test
    void centreRectangleMaskExact() {
        byte[] original = images.get(3).pixels();

        CorruptedImage image = CorruptionSpec.parse("centre-rectangle:0.25").apply(original, 1L);

        assertThat(image.knownValueCount()).isEqualTo(VALUES - 3 * 256);
        for (int pixel = 0; pixel < PLANE; pixel++) {
            int row = pixel / 32;
            int column = pixel % 32;
            boolean inside = row >= 8 && row < 24 && column >= 8 && column < 24;
            assertThat(image.knownMask()[PLANE + pixel]).isEqualTo((byte) (inside ? 0 : 1));
            assertThat(image.pixels()[PLANE + pixel]).isEqualTo(inside ? 0 : original[PLANE + pixel]);
        }
    }

    @Test
    void randomRectangleMaskExactAndMoving() {
        CorruptionSpec spec = CorruptionSpec.parse("random-rectangle:0.25");
        Set<Integer> firstHiddenPixels = new HashSet<>();

        for (int probe = 0; probe < 50; probe++) {
            CorruptedImage image = spec.apply(images.get(probe).pixels(), ProbeRandom.seedFor(EXPERIMENT_SEED, probe));
            int first = -1;
            int last = -1;
            for (int pixel = 0; pixel < PLANE; pixel++) {
                if (image.knownMask()[pixel] == 0) {
                    first = first < 0 ? pixel : first;
                    last = pixel;
                }
            }
            int height = last / 32 - first / 32 + 1;
            int width = last % 32 - first % 32 + 1;

            assertThat(image.knownValueCount()).isEqualTo(VALUES - 3 * 256);
            assertThat(height * width).as("hidden pixels form one 16 x 16 rectangle").isEqualTo(256);
            firstHiddenPixels.add(first);
        }

        assertThat(firstHiddenPixels).hasSizeGreaterThan(20);
    }

    @Test
    void dropoutExactFraction() {
        for (double fraction : new double[] {0.1, 0.3, 0.5, 0.9}) {
            CorruptedImage image = CorruptionSpec.parse("dropout:" + fraction)
                    .apply(images.get(11).pixels(), ProbeRandom.seedFor(EXPERIMENT_SEED, 11));
            int hidden = (int) Math.round(fraction * PLANE);

            assertThat(image.knownValueCount()).as("known values at %s", fraction).isEqualTo(3 * (PLANE - hidden));
            for (int pixel = 0; pixel < PLANE; pixel++) {
                assertThat(image.knownMask()[pixel]).isEqualTo(image.knownMask()[PLANE + pixel]);
                assertThat(image.knownMask()[pixel]).isEqualTo(image.knownMask()[2 * PLANE + pixel]);
            }
        }
    }

    @Test
    void dropoutAfterHalfCountsKnownPixels() {
        CorruptedImage image = CorruptionSpec.parse("lower-half+dropout:0.5").apply(images.get(5).pixels(), 3L);

        assertThat(image.knownValueCount()).isEqualTo(3 * 256);
        for (int pixel = 512; pixel < PLANE; pixel++) {
            assertThat(image.knownMask()[pixel]).isZero();
        }
    }

    @Test
    void saltAndPepperExactFraction() {
        CorruptionSpec spec = CorruptionSpec.parse("salt-and-pepper:0.1");
        int expected = (int) Math.round(0.1 * PLANE);
        long salt = 0;
        long pepper = 0;
        int imagesChecked = 0;

        for (int probe = 0; probe < images.size(); probe++) {
            byte[] original = images.get(probe).pixels();
            if (hasBlackOrWhitePixel(original)) {
                continue;
            }
            CorruptedImage image = spec.apply(original, ProbeRandom.seedFor(EXPERIMENT_SEED, probe));
            int changed = 0;
            for (int pixel = 0; pixel < PLANE; pixel++) {
                int red = image.pixels()[pixel] & 0xFF;
                int green = image.pixels()[PLANE + pixel] & 0xFF;
                int blue = image.pixels()[2 * PLANE + pixel] & 0xFF;
                if (red == 255 && green == 255 && blue == 255) {
                    salt++;
                    changed++;
                } else if (red == 0 && green == 0 && blue == 0) {
                    pepper++;
                    changed++;
                } else {
                    assertThat(red).isEqualTo(original[pixel] & 0xFF);
                    assertThat(blue).isEqualTo(original[2 * PLANE + pixel] & 0xFF);
                }
            }
            assertThat(changed).as("changed pixels of probe %d", probe).isEqualTo(expected);
            assertThat(image.knownMask()).isNull();
            imagesChecked++;
        }

        assertThat(imagesChecked).isGreaterThan(50);
        assertThat((double) salt / (salt + pepper)).isCloseTo(0.5, within(0.05));
    }

    @Test
    void noiseLeavesHiddenValuesAtFill() {
        CorruptionSpec spec = CorruptionSpec.parse("lower-half+gaussian:40+salt-and-pepper:0.2");

        CorruptedImage image = spec.apply(images.get(9).pixels(), 77L);

        for (int i = 0; i < VALUES; i++) {
            if (image.knownMask()[i] == 0) {
                assertThat(image.pixels()[i]).as("value %d", i).isZero();
            }
        }
        assertThat(image.knownValueCount()).isEqualTo(VALUES / 2);
    }

    @Test
    void compositionMasksNoisyImage() {
        byte[] original = images.get(4).pixels();

        CorruptedImage image = CorruptionSpec.parse("gaussian:25+lower-half").apply(original, 5L);

        int unchangedUpper = 0;
        for (int pixel = 0; pixel < 512; pixel++) {
            unchangedUpper += image.pixels()[pixel] == original[pixel] ? 1 : 0;
        }
        assertThat(image.knownValueCount()).isEqualTo(VALUES / 2);
        assertThat(unchangedUpper).as("upper values left unchanged by noise").isLessThan(100);
        assertThat(image.pixels()[600]).isZero();
    }

    @Test
    void sameSeedSameBytes() {
        CorruptionSpec spec = CorruptionSpec.parse("gaussian:20+random-rectangle:0.2+salt-and-pepper:0.05");
        byte[] original = images.get(0).pixels();
        long seed = ProbeRandom.seedFor(EXPERIMENT_SEED, 42);

        CorruptedImage first = spec.apply(original, seed);
        CorruptedImage second = CorruptionSpec.parse(spec.spec()).apply(original.clone(), seed);
        CorruptedImage other = spec.apply(original, ProbeRandom.seedFor(EXPERIMENT_SEED, 43));

        assertThat(second.pixels()).isEqualTo(first.pixels());
        assertThat(second.knownMask()).isEqualTo(first.knownMask());
        assertThat(other.pixels()).isNotEqualTo(first.pixels());
    }

    @Test
    void fixedSeedFixedBytes() {
        // Guards replays: a change to the generator or to a step's draw order changes these checksums.
        byte[] original = images.get(0).pixels();

        assertThat(crc(CorruptionSpec.parse("gaussian:25").apply(original, 42L).pixels())).isEqualTo(GAUSSIAN_CRC);
        assertThat(crc(CorruptionSpec.parse("dropout:0.5").apply(original, 42L).knownMask())).isEqualTo(DROPOUT_CRC);
    }

    @Test
    void seedsDifferPerProbe() {
        Set<Long> seeds = new HashSet<>();
        for (long probe = 0; probe < 100_000; probe++) {
            seeds.add(ProbeRandom.seedFor(EXPERIMENT_SEED, probe));
        }

        assertThat(seeds).hasSize(100_000);
        assertThat(ProbeRandom.seedFor(1L, 0)).isNotEqualTo(ProbeRandom.seedFor(2L, 0));
        assertThat(ProbeRandom.seedFor(1L, 5)).isEqualTo(ProbeRandom.seedFor(1L, 5));
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static boolean hasBlackOrWhitePixel(byte[] pixels) {
        for (int pixel = 0; pixel < PLANE; pixel++) {
            int red = pixels[pixel] & 0xFF;
            int green = pixels[PLANE + pixel] & 0xFF;
            int blue = pixels[2 * PLANE + pixel] & 0xFF;
            if ((red == 0 && green == 0 && blue == 0) || (red == 255 && green == 255 && blue == 255)) {
                return true;
            }
        }
        return false;
    }
}
