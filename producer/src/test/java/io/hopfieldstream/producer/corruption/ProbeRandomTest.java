package io.hopfieldstream.producer.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Checks the generator's distributions against exact values; 4 million samples keep errors near 0.1%. */
class ProbeRandomTest {

    private static final int SAMPLES = 4_000_000;

    @Test
    void gaussianMomentsAndTails() {
        ProbeRandom random = new ProbeRandom(12345L);
        double sum = 0;
        double sumOfSquares = 0;
        double sumOfFourthPowers = 0;
        long beyondOne = 0;
        long beyondTwo = 0;
        long beyondThree = 0;
        long beyondTail = 0;
        long positive = 0;

        for (int i = 0; i < SAMPLES; i++) {
            double z = random.nextGaussian();
            double square = z * z;
            sum += z;
            sumOfSquares += square;
            sumOfFourthPowers += square * square;
            double magnitude = Math.abs(z);
            beyondOne += magnitude > 1 ? 1 : 0;
            beyondTwo += magnitude > 2 ? 1 : 0;
            beyondThree += magnitude > 3 ? 1 : 0;
            beyondTail += magnitude > 3.5 ? 1 : 0;
            positive += z > 0 ? 1 : 0;
        }

        assertThat(sum / SAMPLES).isCloseTo(0.0, within(0.002));
        assertThat(sumOfSquares / SAMPLES).isCloseTo(1.0, within(0.003));
        assertThat(sumOfFourthPowers / SAMPLES).as("fourth moment").isCloseTo(3.0, within(0.02));
        // Two-sided normal tail probabilities P(|z| > t) for t = 1, 2, 3 and 3.5 (beyond the ziggurat's base).
        assertThat((double) beyondOne / SAMPLES).isCloseTo(0.317311, within(0.001));
        assertThat((double) beyondTwo / SAMPLES).isCloseTo(0.045500, within(0.0005));
        assertThat((double) beyondThree / SAMPLES).isCloseTo(0.002700, within(0.0001));
        assertThat((double) beyondTail / SAMPLES).isCloseTo(0.000465, within(0.00005));
        assertThat((double) positive / SAMPLES).isCloseTo(0.5, within(0.001));
    }

    @Test
    void uniformIntegersCoverRange() {
        ProbeRandom random = new ProbeRandom(7L);
        int[] counts = new int[10];

        for (int i = 0; i < 1_000_000; i++) {
            counts[random.nextInt(10)]++;
        }

        for (int count : counts) {
            assertThat(count).isBetween(99_000, 101_000);
        }
    }

    @Test
    void sameSeedSameSequence() {
        ProbeRandom first = new ProbeRandom(99L);
        ProbeRandom second = new ProbeRandom(99L);

        for (int i = 0; i < 1_000; i++) {
            assertThat(second.nextGaussian()).isEqualTo(first.nextGaussian());
            assertThat(second.nextLong()).isEqualTo(first.nextLong());
        }
    }
}
