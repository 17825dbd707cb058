package io.hopfieldstream.retriever.retrieval;

import static io.hopfieldstream.retriever.retrieval.ReferenceHopfield.argMax;
import static io.hopfieldstream.retriever.retrieval.ReferenceHopfield.relativeError;
import static io.hopfieldstream.retriever.retrieval.ReferenceHopfield.toDouble;
import static io.hopfieldstream.retriever.retrieval.ReferenceHopfield.weightedSum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HopfieldKernelTest {

    private static final double MAX_RELATIVE_ERROR = 1e-5;

    private final HopfieldKernel kernel = new HopfieldKernel();

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    @ParameterizedTest(name = "N={0} d={1} B={2} dv={3} chunk={4} beta={5} iterations={6}")
    @CsvSource({
        "3, 5, 2, 4, 8192, 2.0, 1",
        "3, 5, 2, 4, 2, 2.0, 1",
        "40, 17, 9, 6, 7, 4.0, 1",
        "40, 17, 9, 6, 7, 4.0, 3",
        "257, 3072, 7, 3072, 8192, 8.0, 1",
        "257, 3072, 7, 3072, 100, 8.0, 2",
        "2000, 32, 70, 8, 1000, 16.0, 1",
        "2000, 32, 100, 8, 700, 16.0, 2",
    })
    void plainMatchesReference(int patterns, int dimension, int batch, int valueDimension, int chunk, double beta,
            int iterations) {
        Random random = new Random(patterns * 31L + dimension);
        float[][] keys = unitRows(random, patterns, dimension);
        float[][] values = gaussianRows(random, patterns, valueDimension);
        float[][] probes = noisyCopies(random, keys, batch, 0.5f);
        RetrievalSettings settings = settings(beta, iterations, 0.0, chunk);

        KernelOutput output = run(keys, values, null, probes, new byte[batch][], settings);

        double[][] keysExact = toDouble(keys);
        double[][] valuesExact = toDouble(values);
        for (int probe = 0; probe < batch; probe++) {
            double[] state = toDouble(probes[probe]);
            double[] weights = ReferenceHopfield.weights(state, keysExact, beta);
            for (int step = 1; step < iterations; step++) {
                state = weightedSum(weights, keysExact);
                weights = ReferenceHopfield.weights(state, keysExact, beta);
            }
            double[] expected = weightedSum(weights, valuesExact);

            assertThat(relativeError(output.readout()[probe], expected)).as("probe %d", probe)
                    .isLessThan(MAX_RELATIVE_ERROR);
            assertThat(output.retrievedIndex()[probe]).as("probe %d", probe).isEqualTo(argMax(weights));
            assertThat(output.retrievedWeight()[probe]).as("probe %d", probe)
                    .isCloseTo(weights[argMax(weights)], within(MAX_RELATIVE_ERROR));
            assertThat(output.attentionSpread()[probe]).as("probe %d", probe)
                    .isEqualTo(ReferenceHopfield.spread(weights, AttentionTracker.SPREAD_MASS));
            assertThat(output.iterations()[probe]).as("probe %d", probe).isEqualTo(iterations);
        }
    }

    @ParameterizedTest(name = "N={0} d={1} chunk={2}")
    @CsvSource({
        "3, 5, 8192",
        "60, 40, 16",
        "257, 3072, 64",
    })
    void maskedMatchesReference(int patterns, int dimension, int chunk) {
        Random random = new Random(patterns);
        double beta = 6.0;
        float[][] keys = unitRows(random, patterns, dimension);
        float[][] maskKeys = gaussianRows(random, patterns, dimension);
        float[][] probes = new float[4][];
        byte[][] masks = new byte[4][];
        for (int probe = 0; probe < probes.length; probe++) {
            boolean masked = probe % 2 == 1;
            float[][] source = masked ? maskKeys : keys;
            probes[probe] = noisyCopies(random, new float[][] {source[probe % patterns]}, 1, 0.7f)[0];
            masks[probe] = masked ? randomMask(random, dimension) : null;
        }

        KernelOutput output = run(keys, maskKeys, maskKeys, probes, masks, settings(beta, 1, 0.0, chunk));

        double[][] keysExact = toDouble(keys);
        double[][] maskKeysExact = toDouble(maskKeys);
        for (int probe = 0; probe < probes.length; probe++) {
            double[] weights = masks[probe] == null
                    ? ReferenceHopfield.weights(toDouble(probes[probe]), keysExact, beta)
                    : ReferenceHopfield.maskedWeights(toDouble(probes[probe]), masks[probe], maskKeysExact, beta);
            double[] expected = weightedSum(weights, maskKeysExact);

            assertThat(relativeError(output.readout()[probe], expected)).as("probe %d", probe)
                    .isLessThan(MAX_RELATIVE_ERROR);
            assertThat(output.retrievedIndex()[probe]).as("probe %d", probe).isEqualTo(argMax(weights));
            assertThat(output.attentionSpread()[probe]).as("probe %d", probe)
                    .isEqualTo(ReferenceHopfield.spread(weights, AttentionTracker.SPREAD_MASS));
        }
    }

    @ParameterizedTest(name = "chunk={0}")
    @ValueSource(ints = {50, 257})
    void sharedMasksMatchReference(int chunk) {
        Random random = new Random(13);
        double beta = 10.0;
        float[][] keys = unitRows(random, 257, 64);
        float[][] maskKeys = gaussianRows(random, 257, 64);
        byte[] upper = new byte[64];
        Arrays.fill(upper, 0, 32, (byte) 1);
        byte[] scattered = randomMask(random, 64);
        byte[][] masks = {upper, scattered, null, upper, upper, scattered, upper};
        float[][] probes = new float[masks.length][];
        for (int probe = 0; probe < probes.length; probe++) {
            float[][] source = masks[probe] == null ? keys : maskKeys;
            probes[probe] = noisyCopies(random, source, 1, 0.6f)[0];
        }

        KernelOutput output = run(keys, maskKeys, maskKeys, probes, masks, settings(beta, 1, 0.0, chunk));

        double[][] maskKeysExact = toDouble(maskKeys);
        for (int probe = 0; probe < probes.length; probe++) {
            double[] weights = masks[probe] == null
                    ? ReferenceHopfield.weights(toDouble(probes[probe]), toDouble(keys), beta)
                    : ReferenceHopfield.maskedWeights(toDouble(probes[probe]), masks[probe], maskKeysExact, beta);
            double[] expected = weightedSum(weights, maskKeysExact);

            assertThat(relativeError(output.readout()[probe], expected)).as("probe %d", probe)
                    .isLessThan(MAX_RELATIVE_ERROR);
            assertThat(output.retrievedIndex()[probe]).as("probe %d", probe).isEqualTo(argMax(weights));
            assertThat(output.attentionSpread()[probe]).as("probe %d", probe)
                    .isEqualTo(ReferenceHopfield.spread(weights, AttentionTracker.SPREAD_MASS));
        }
    }

    @ParameterizedTest(name = "chunk={0}")
    @ValueSource(ints = {1, 64, 257})
    void chunkedEqualsUnchunked(int chunk) {
        Random random = new Random(7);
        float[][] keys = unitRows(random, 257, 48);
        float[][] maskKeys = gaussianRows(random, 257, 48);
        float[][] probes = noisyCopies(random, keys, 6, 0.8f);
        byte[][] masks = {null, randomMask(random, 48), null, null, randomMask(random, 48), null};

        KernelOutput whole = run(keys, maskKeys, maskKeys, probes, masks, settings(12.0, 3, 0.0, 257));
        KernelOutput chunked = run(keys, maskKeys, maskKeys, probes, masks, settings(12.0, 3, 0.0, chunk));

        for (int probe = 0; probe < probes.length; probe++) {
            assertThat(relativeError(chunked.readout()[probe], toDouble(whole.readout()[probe])))
                    .as("probe %d", probe).isLessThan(MAX_RELATIVE_ERROR);
            assertThat(chunked.retrievedIndex()[probe]).as("probe %d", probe)
                    .isEqualTo(whole.retrievedIndex()[probe]);
            assertThat(chunked.retrievedWeight()[probe]).as("probe %d", probe)
                    .isCloseTo(whole.retrievedWeight()[probe], within(1e-6));
            assertThat(chunked.attentionSpread()[probe]).as("probe %d", probe)
                    .isEqualTo(whole.attentionSpread()[probe]);
            assertThat(chunked.iterations()[probe]).as("probe %d", probe).isEqualTo(whole.iterations()[probe]);
            assertThat(chunked.converged()[probe]).as("probe %d", probe).isEqualTo(whole.converged()[probe]);
        }
    }

    @ParameterizedTest(name = "chunk={0}")
    @ValueSource(ints = {8, 1000})
    void flatAttentionSpreadIsExact(int chunk) {
        Random random = new Random(11);
        float[][] keys = unitRows(random, 1000, 20);
        float[][] probes = noisyCopies(random, keys, 5, 1f);

        KernelOutput output = run(keys, keys, null, probes, new byte[5][], settings(0.5, 1, 0.0, chunk));

        for (int probe = 0; probe < probes.length; probe++) {
            double[] weights = ReferenceHopfield.weights(toDouble(probes[probe]), toDouble(keys), 0.5);
            int expected = ReferenceHopfield.spread(weights, AttentionTracker.SPREAD_MASS);
            assertThat(expected).as("reference spread of probe %d", probe).isGreaterThan(100);
            assertThat(output.attentionSpread()[probe]).as("probe %d", probe).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "chunk={0}")
    @ValueSource(ints = {50, 100, 600})
    void spreadExactWhenPeakComesLate(int chunk) {
        Random random = new Random(13);
        float[][] keys = unitRows(random, 600, 64);
        // Each probe mixes three stored patterns, so its spread is above 1, and its peak lies in a later
        // chunk than the chunks that first set the running maximum.
        int[][] mixes = {{590, 591, 30}, {30, 570, 310}, {5, 320, 599}};
        float[][] probes = new float[mixes.length][64];
        for (int probe = 0; probe < mixes.length; probe++) {
            float[] weight = {1f, 0.9f, 0.8f};
            for (int part = 0; part < 3; part++) {
                for (int i = 0; i < 64; i++) {
                    probes[probe][i] += weight[part] * keys[mixes[probe][part]][i];
                }
            }
            Normalization.UNIT.applyInPlace(probes[probe]);
        }

        KernelOutput output = run(keys, keys, null, probes, new byte[mixes.length][], settings(40.0, 1, 0.0, chunk));

        for (int probe = 0; probe < probes.length; probe++) {
            double[] weights = ReferenceHopfield.weights(toDouble(probes[probe]), toDouble(keys), 40.0);
            int expected = ReferenceHopfield.spread(weights, AttentionTracker.SPREAD_MASS);
            assertThat(expected).as("reference spread of probe %d", probe).isGreaterThan(1);
            assertThat(output.attentionSpread()[probe]).as("probe %d", probe).isEqualTo(expected);
            assertThat(output.retrievedIndex()[probe]).as("probe %d", probe).isEqualTo(argMax(weights));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "100, 8192, 100",
        "8192, 8192, 8192",
        "10000, 8192, 5000",
        "10001, 10000, 5001",
        "50000, 16384, 12500",
        "7, 1, 1",
    })
    void evenChunkSplitsIntoFewestNearlyEqualChunks(int patterns, int chunkSize, int expected) {
        int chunk = HopfieldKernel.evenChunk(patterns, chunkSize);

        assertThat(chunk).isEqualTo(expected).isLessThanOrEqualTo(chunkSize);
        assertThat((patterns + chunk - 1) / chunk).isEqualTo((patterns + chunkSize - 1) / chunkSize);
    }

    @Test
    void maskIgnoresUnknownValues() {
        Random random = new Random(3);
        float[][] keys = unitRows(random, 50, 64);
        float[][] maskKeys = gaussianRows(random, 50, 64);
        byte[] mask = randomMask(random, 64);
        float[] first = noisyCopies(random, maskKeys, 1, 0.5f)[0];
        float[] second = first.clone();
        for (int i = 0; i < second.length; i++) {
            if (mask[i] == 0) {
                second[i] = 1000f * (float) random.nextGaussian();
            }
        }

        KernelOutput output = run(keys, maskKeys, maskKeys, new float[][] {first, second},
                new byte[][] {mask, mask.clone()}, settings(20.0, 1, 0.0, 16));

        assertThat(output.readout()[1]).containsExactly(output.readout()[0]);
        assertThat(output.retrievedIndex()[1]).isEqualTo(output.retrievedIndex()[0]);
        assertThat(output.retrievedWeight()[1]).isEqualTo(output.retrievedWeight()[0]);
        assertThat(output.attentionSpread()[1]).isEqualTo(output.attentionSpread()[0]);
    }

    @Test
    void energyNeverIncreases() {
        Random random = new Random(5);
        double beta = 3.0;
        float[][] keys = unitRows(random, 120, 30);
        float[][] probes = noisyCopies(random, keys, 4, 1.2f);
        double[][] keysExact = toDouble(keys);

        for (int probe = 0; probe < probes.length; probe++) {
            double previous = ReferenceHopfield.energy(toDouble(probes[probe]), keysExact, beta);
            for (int steps = 1; steps <= 6; steps++) {
                KernelOutput output = run(keys, keys, null, new float[][] {probes[probe]}, new byte[1][],
                        settings(beta, steps, 0.0, 50));
                double energy = ReferenceHopfield.energy(toDouble(output.readout()[0]), keysExact, beta);

                assertThat(energy).as("probe %d after %d steps", probe, steps)
                        .isLessThanOrEqualTo(previous + 1e-6 * Math.abs(previous));
                previous = energy;
            }
        }
    }

    @ParameterizedTest(name = "tolerance={0}")
    @ValueSource(doubles = {0.0, 1e-9, 1e-6})
    void stopsUnconvergedAtMaxIterations(double tolerance) {
        Random random = new Random(9);
        float[][] keys = unitRows(random, 200, 30);
        float[][] probes = noisyCopies(random, keys, 3, 2f);

        KernelOutput output = run(keys, keys, null, probes, new byte[3][], settings(1.5, 4, tolerance, 64));

        for (int probe = 0; probe < probes.length; probe++) {
            assertThat(output.iterations()[probe]).as("probe %d", probe).isEqualTo(4);
            assertThat(output.converged()[probe]).as("probe %d", probe).isFalse();
        }
    }

    @Test
    void convergesWhenToleranceMet() {
        Random random = new Random(9);
        float[][] keys = unitRows(random, 200, 30);
        float[][] probes = noisyCopies(random, keys, 3, 0.1f);

        KernelOutput output = run(keys, keys, null, probes, new byte[3][], settings(50.0, 10, 1e-3, 64));

        for (int probe = 0; probe < probes.length; probe++) {
            assertThat(output.converged()[probe]).as("probe %d", probe).isTrue();
            assertThat(output.iterations()[probe]).as("probe %d", probe).isBetween(2, 9);
        }
    }

    @Test
    void singleStepIsNotConverged() {
        Random random = new Random(2);
        float[][] keys = unitRows(random, 20, 10);
        float[][] probes = noisyCopies(random, keys, 2, 0.1f);

        KernelOutput output = run(keys, keys, null, probes, new byte[2][], settings(100.0, 1, 1.0, 64));

        assertThat(output.iterations()).containsExactly(1, 1);
        assertThat(output.converged()).containsExactly(false, false);
    }

    @Test
    void maskedRowIsFixedPointAfterOneStep() {
        Random random = new Random(4);
        float[][] keys = unitRows(random, 20, 10);
        float[][] probes = noisyCopies(random, keys, 2, 0.5f);
        byte[][] masks = {randomMask(random, 10), null};

        KernelOutput output = run(keys, keys, keys, probes, masks, settings(4.0, 3, 0.0, 64));

        assertThat(output.iterations()[0]).isEqualTo(1);
        assertThat(output.converged()[0]).isTrue();
        assertThat(output.iterations()[1]).isEqualTo(3);
    }

    @Test
    void emptyBatchGivesNoResults() {
        float[][] keys = unitRows(new Random(1), 4, 3);

        KernelOutput output = run(keys, keys, null, new float[0][], new byte[0][], settings(1.0, 1, 0.0, 2));

        assertThat(output.size()).isZero();
    }

    @Test
    void wrongProbeLengthRejected() {
        float[][] keys = unitRows(new Random(1), 4, 3);
        try (KernelMemory memory = KernelMemory.of(keys, keys, keys)) {
            assertThatThrownBy(() -> kernel.run(memory, new float[][] {new float[4]}, new byte[1][],
                    settings(1.0, 1, 0.0, 2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Probe 0 has 4 values, the memory's dimension is 3");
        }
    }

    @Test
    void nonBinaryMaskRejected() {
        float[][] keys = unitRows(new Random(1), 4, 3);
        try (KernelMemory memory = KernelMemory.of(keys, keys, keys)) {
            assertThatThrownBy(() -> kernel.run(memory, new float[][] {new float[3]}, new byte[][] {{1, 2, 0}},
                    settings(1.0, 1, 0.0, 2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has value 2 at index 1; expected 0 (unknown) or 1 (known)");
        }
    }

    private KernelOutput run(float[][] keys, float[][] values, float[][] maskKeys, float[][] probes, byte[][] masks,
            RetrievalSettings settings) {
        try (KernelMemory memory = KernelMemory.of(keys, values, maskKeys)) {
            return kernel.run(memory, probes, masks, settings);
        }
    }

    private static RetrievalSettings settings(double beta, int iterations, double tolerance, int chunk) {
        return new RetrievalSettings(beta, iterations, tolerance, Normalization.NONE, true, chunk);
    }

    static float[][] gaussianRows(Random random, int rows, int columns) {
        float[][] matrix = new float[rows][columns];
        for (float[] row : matrix) {
            for (int i = 0; i < columns; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return matrix;
    }

    static float[][] unitRows(Random random, int rows, int columns) {
        float[][] matrix = gaussianRows(random, rows, columns);
        for (float[] row : matrix) {
            Normalization.UNIT.applyInPlace(row);
        }
        return matrix;
    }

    /** Returns {@code count} random rows of {@code source}, each plus Gaussian noise of norm about {@code noise}. */
    static float[][] noisyCopies(Random random, float[][] source, int count, float noise) {
        float[][] copies = new float[count][];
        for (int row = 0; row < count; row++) {
            float[] original = source[random.nextInt(source.length)];
            float scale = noise / (float) Math.sqrt(original.length);
            copies[row] = new float[original.length];
            for (int i = 0; i < original.length; i++) {
                copies[row][i] = original[i] + scale * (float) random.nextGaussian();
            }
        }
        return copies;
    }

    static byte[] randomMask(Random random, int length) {
        byte[] mask = new byte[length];
        for (int i = 0; i < length; i++) {
            mask[i] = (byte) (i < 3 || random.nextInt(3) != 0 ? 1 : 0);
        }
        return mask;
    }
}
