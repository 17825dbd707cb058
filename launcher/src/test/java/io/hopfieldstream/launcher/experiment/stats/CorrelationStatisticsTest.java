package io.hopfieldstream.launcher.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hopfieldstream.launcher.experiment.sweep.RandomSubset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CorrelationStatisticsTest {

    private static final int PIXELS = 3072;

    /** Values 0, 100 or 200 in a fixed pattern. */
    private static byte[] base() {
        byte[] image = new byte[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            image[i] = (byte) ((i * 7 % 3) * 100);
        }
        return image;
    }

    private static byte[] map(byte[] image, java.util.function.IntUnaryOperator operator) {
        byte[] mapped = new byte[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            mapped[i] = (byte) operator.applyAsInt(Byte.toUnsignedInt(image[i]));
        }
        return mapped;
    }

    @Test
    void knownCorrelationsGiveKnownStatistics() {
        byte[] a = base();
        byte[] inverted = map(a, value -> 255 - value);
        byte[] scaled = map(a, value -> value / 2 + 50);

        MemoryStatistics statistics = CorrelationStatistics.defaults().compute(List.of(a, inverted, scaled), 1);

        assertThat(statistics.exact()).isTrue();
        assertThat(statistics.rowsUsed()).isEqualTo(3);
        assertThat(statistics.pairsUsed()).isEqualTo(6);
        assertThat(statistics.meanCorrelation()).as("pairs -1, +1, -1").isCloseTo(-1.0 / 3, within(1e-5));
        assertThat(statistics.maxCorrelation()).isCloseTo(1.0, within(1e-5));
        assertThat(statistics.minSeparation()).as("a and its scaled copy are not separated").isCloseTo(0.0, within(1e-5));
        assertThat(statistics.meanSeparation()).as("separations 0, 2 and 0").isCloseTo(2.0 / 3, within(1e-5));
    }

    @Test
    void flatImageHasZeroSeparation() {
        byte[] flat = new byte[PIXELS];
        java.util.Arrays.fill(flat, (byte) 90);
        byte[] a = base();

        MemoryStatistics statistics = CorrelationStatistics.defaults().compute(List.of(flat, a), 1);

        assertThat(statistics.meanCorrelation()).isCloseTo(0.0, within(1e-6));
        assertThat(statistics.minSeparation()).isCloseTo(0.0, within(1e-6));
        assertThat(statistics.meanSeparation()).as("flat 0 - 0, a 1 - 0").isCloseTo(0.5, within(1e-5));
    }

    @Test
    void exactStatisticsMatchDirectComputation() {
        List<byte[]> images = randomImages(37, 11);

        MemoryStatistics statistics = CorrelationStatistics.defaults().compute(images, 1);
        Direct direct = direct(images, null);

        assertThat(statistics.meanCorrelation()).isCloseTo(direct.mean, within(1e-5));
        assertThat(statistics.maxCorrelation()).isCloseTo(direct.max, within(1e-5));
        assertThat(statistics.minSeparation()).isCloseTo(direct.minSeparation, within(1e-5));
        assertThat(statistics.meanSeparation()).isCloseTo(direct.meanSeparation, within(1e-5));
    }

    @Test
    void sampledStatisticsUseTheSampledRows() {
        List<byte[]> images = randomImages(40, 12);
        CorrelationStatistics sampled = new CorrelationStatistics(10, 6);

        MemoryStatistics statistics = sampled.compute(images, 99);
        int[] rows = RandomSubset.ascending(40, 6, 99);
        Direct direct = direct(images, rows);
        Direct all = direct(images, null);

        assertThat(statistics.exact()).isFalse();
        assertThat(statistics.rowsUsed()).isEqualTo(6);
        assertThat(statistics.pairsUsed()).isEqualTo(6 * 39);
        assertThat(statistics.method()).isEqualTo("6 of 40 patterns sampled");
        assertThat(statistics.meanCorrelation()).isCloseTo(direct.mean, within(1e-5));
        assertThat(statistics.maxCorrelation()).isCloseTo(direct.max, within(1e-5)).isLessThanOrEqualTo(all.max + 1e-6);
        assertThat(statistics.minSeparation()).isCloseTo(direct.minSeparation, within(1e-5))
                .isGreaterThanOrEqualTo(all.minSeparation - 1e-6);
    }

    @Test
    void singleImageHasNoPairs() {
        MemoryStatistics statistics = CorrelationStatistics.defaults().compute(List.of(base()), 1);

        assertThat(statistics.pairsUsed()).isZero();
        assertThat(statistics.meanCorrelation()).isNaN();
        assertThat(statistics.minSeparation()).isNaN();
    }

    private static List<byte[]> randomImages(int count, long seed) {
        Random random = new Random(seed);
        byte[] shared = new byte[PIXELS];
        random.nextBytes(shared);
        List<byte[]> images = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            byte[] image = new byte[PIXELS];
            int weight = random.nextInt(100);
            for (int i = 0; i < PIXELS; i++) {
                int value = (Byte.toUnsignedInt(shared[i]) * weight + random.nextInt(256) * (100 - weight)) / 100;
                image[i] = (byte) value;
            }
            images.add(image);
        }
        return images;
    }

    /** Statistics by plain double arithmetic over the given rows (all when null) against every other image. */
    private static Direct direct(List<byte[]> images, int[] rows) {
        int n = images.size();
        double[][] vectors = new double[n][];
        for (int i = 0; i < n; i++) {
            vectors[i] = centredUnit(images.get(i));
        }

        int[] used = rows != null ? rows : java.util.stream.IntStream.range(0, n).toArray();
        Direct result = new Direct();
        result.max = Double.NEGATIVE_INFINITY;
        result.minSeparation = Double.POSITIVE_INFINITY;
        double sum = 0;
        double separationSum = 0;

        for (int i : used) {
            double rowMax = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double dot = 0;
                for (int k = 0; k < PIXELS; k++) {
                    dot += vectors[i][k] * vectors[j][k];
                }
                sum += dot;
                rowMax = Math.max(rowMax, dot);
            }

            double self = 0;
            for (int k = 0; k < PIXELS; k++) {
                self += vectors[i][k] * vectors[i][k];
            }
            result.max = Math.max(result.max, rowMax);
            result.minSeparation = Math.min(result.minSeparation, self - rowMax);
            separationSum += self - rowMax;
        }

        result.mean = sum / ((double) used.length * (n - 1));
        result.meanSeparation = separationSum / used.length;
        return result;
    }

    private static double[] centredUnit(byte[] image) {
        double[] vector = new double[PIXELS];
        double mean = 0;
        for (int i = 0; i < PIXELS; i++) {
            vector[i] = Byte.toUnsignedInt(image[i]) / 255.0;
            mean += vector[i];
        }
        mean /= PIXELS;
        double squares = 0;
        for (int i = 0; i < PIXELS; i++) {
            vector[i] -= mean;
            squares += vector[i] * vector[i];
        }
        double length = Math.sqrt(squares);
        for (int i = 0; i < PIXELS; i++) {
            vector[i] = length > 0 ? vector[i] / length : 0;
        }
        return vector;
    }

    private static final class Direct {
        double mean;
        double max;
        double minSeparation;
        double meanSeparation;
    }
}
