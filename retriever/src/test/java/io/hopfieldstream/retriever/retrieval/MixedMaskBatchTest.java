package io.hopfieldstream.retriever.retrieval;

import static io.hopfieldstream.retriever.retrieval.HopfieldKernelTest.gaussianRows;
import static io.hopfieldstream.retriever.retrieval.HopfieldKernelTest.noisyCopies;
import static io.hopfieldstream.retriever.retrieval.HopfieldKernelTest.randomMask;
import static io.hopfieldstream.retriever.retrieval.HopfieldKernelTest.unitRows;
import static io.hopfieldstream.retriever.retrieval.ReferenceHopfield.argMax;
import static io.hopfieldstream.retriever.retrieval.ReferenceHopfield.relativeError;
import static io.hopfieldstream.retriever.retrieval.ReferenceHopfield.toDouble;
import static io.hopfieldstream.retriever.retrieval.ReferenceHopfield.weightedSum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hopfieldstream.producer.corruption.CorruptedImage;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.retriever.memory.MemorySnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batches that mix plain probes with several known-pixel masks in any order: every row must get the
 * result it gets when retrieved alone, and the float64 reference result.
 */
class MixedMaskBatchTest {

    private static final double MAX_RELATIVE_ERROR = 1e-5;

    @Test
    void cifarBatchWithThreeMaskGroups() {
        List<String> specs = List.of("gaussian:25", "centre-rectangle:0.25", "gaussian:25", "lower-half",
                "centre-rectangle:0.25", "lower-half", "gaussian:25", "centre-rectangle:0.25", "lower-half");
        MemorySnapshot memory = CifarTestImages.snapshot();
        List<CifarImage> images = CifarTestImages.firstTestImages();
        List<byte[]> pixels = new ArrayList<>();
        List<byte[]> masks = new ArrayList<>();
        for (int probe = 0; probe < specs.size(); probe++) {
            CorruptedImage corrupted = CorruptionSpec.parse(specs.get(probe))
                    .apply(images.get(100 * probe + 7).pixels(), 1_000L + probe);
            pixels.add(corrupted.pixels());
            masks.add(corrupted.knownMask());
        }

        List<RetrievalResult> together;
        List<RetrievalResult> alone = new ArrayList<>();
        try (Nd4jCpuBackend backend = new Nd4jCpuBackend(RetrievalSettings.defaults())) {
            together = backend.retrieve(memory, new ProbeBatch(pixels, masks));
            for (int probe = 0; probe < specs.size(); probe++) {
                alone.add(backend.retrieve(memory, new ProbeBatch(List.of(pixels.get(probe)),
                        Arrays.asList(masks.get(probe)))).get(0));
            }
        }

        for (int probe = 0; probe < specs.size(); probe++) {
            RetrievalResult result = together.get(probe);
            RetrievalResult single = alone.get(probe);
            assertThat(result.retrievedIndex()).as("probe %d (%s)", probe, specs.get(probe))
                    .isEqualTo(single.retrievedIndex());
            assertThat(result.retrievedWeight()).as("probe %d (%s)", probe, specs.get(probe))
                    .isCloseTo(single.retrievedWeight(), within(1e-5));
            assertThat(result.attentionSpread()).as("probe %d (%s)", probe, specs.get(probe))
                    .isEqualTo(single.attentionSpread());
            assertThat(maxLevelDifference(result.reconstruction(), single.reconstruction()))
                    .as("probe %d (%s)", probe, specs.get(probe)).isLessThanOrEqualTo(1);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void randomMixMatchesSingleRows(long seed) {
        Random random = new Random(seed);
        int patterns = 97 + random.nextInt(200);
        int dimension = 40 + random.nextInt(60);
        int chunk = 1 + random.nextInt(patterns + 20);
        double beta = 4.0 + 12.0 * random.nextDouble();
        float[][] keys = unitRows(random, patterns, dimension);
        float[][] maskKeys = gaussianRows(random, patterns, dimension);
        byte[][] distinctMasks = new byte[1 + random.nextInt(4)][];
        for (int mask = 0; mask < distinctMasks.length; mask++) {
            distinctMasks[mask] = randomMask(random, dimension);
        }

        int batch = 2 + random.nextInt(14);
        byte[][] masks = new byte[batch][];
        float[][] probes = new float[batch][];
        for (int probe = 0; probe < batch; probe++) {
            int choice = random.nextInt(distinctMasks.length + 1);
            masks[probe] = choice == distinctMasks.length ? null : distinctMasks[choice];
            probes[probe] = noisyCopies(random, masks[probe] == null ? keys : maskKeys, 1, 0.7f)[0];
        }
        RetrievalSettings settings = new RetrievalSettings(beta, 1, 0.0, Normalization.NONE, true, chunk);

        KernelOutput together;
        KernelOutput[] alone = new KernelOutput[batch];
        try (KernelMemory memory = KernelMemory.of(keys, maskKeys, maskKeys);
                HopfieldKernel kernel = new HopfieldKernel()) {
            together = kernel.run(memory, probes, masks, settings);
            for (int probe = 0; probe < batch; probe++) {
                alone[probe] = kernel.run(memory, new float[][] {probes[probe]}, new byte[][] {masks[probe]},
                        settings);
            }
        }

        double[][] keysExact = toDouble(keys);
        double[][] maskKeysExact = toDouble(maskKeys);
        for (int probe = 0; probe < batch; probe++) {
            String row = "probe " + probe + (masks[probe] == null ? " (plain)" : " (masked)");
            double[] weights = masks[probe] == null
                    ? ReferenceHopfield.weights(toDouble(probes[probe]), keysExact, beta)
                    : ReferenceHopfield.maskedWeights(toDouble(probes[probe]), masks[probe], maskKeysExact, beta);
            double[] expected = weightedSum(weights, maskKeysExact);

            assertThat(together.retrievedIndex()[probe]).as(row).isEqualTo(alone[probe].retrievedIndex()[0]);
            assertThat(together.retrievedIndex()[probe]).as(row).isEqualTo(argMax(weights));
            assertThat(relativeError(together.readout()[probe], toDouble(alone[probe].readout()[0]))).as(row)
                    .isLessThan(MAX_RELATIVE_ERROR);
            assertThat(relativeError(together.readout()[probe], expected)).as(row).isLessThan(MAX_RELATIVE_ERROR);
            assertThat(together.retrievedWeight()[probe]).as(row)
                    .isCloseTo(weights[argMax(weights)], within(MAX_RELATIVE_ERROR));
            assertThat(together.attentionSpread()[probe]).as(row)
                    .isEqualTo(ReferenceHopfield.spread(weights, AttentionTracker.SPREAD_MASS));
        }
    }

    @Test
    void flatMaskedAttentionSpreadIsExact() {
        Random random = new Random(21);
        float[][] keys = unitRows(random, 1000, 20);
        float[][] maskKeys = gaussianRows(random, 1000, 20);
        byte[] first = randomMask(random, 20);
        byte[] second = randomMask(random, 20);
        byte[][] masks = {second, null, first, second, null, first, first};
        float[][] probes = new float[masks.length][];
        for (int probe = 0; probe < probes.length; probe++) {
            probes[probe] = noisyCopies(random, masks[probe] == null ? keys : maskKeys, 1, 1f)[0];
        }
        RetrievalSettings settings = new RetrievalSettings(0.5, 1, 0.0, Normalization.NONE, true, 8);

        KernelOutput output;
        try (KernelMemory memory = KernelMemory.of(keys, maskKeys, maskKeys);
                HopfieldKernel kernel = new HopfieldKernel()) {
            output = kernel.run(memory, probes, masks, settings);
        }

        for (int probe = 0; probe < probes.length; probe++) {
            double[] weights = masks[probe] == null
                    ? ReferenceHopfield.weights(toDouble(probes[probe]), toDouble(keys), 0.5)
                    : ReferenceHopfield.maskedWeights(toDouble(probes[probe]), masks[probe], toDouble(maskKeys), 0.5);
            int expected = ReferenceHopfield.spread(weights, AttentionTracker.SPREAD_MASS);
            assertThat(expected).as("reference spread of probe %d", probe).isGreaterThan(100);
            assertThat(output.attentionSpread()[probe]).as("probe %d", probe).isEqualTo(expected);
        }
    }

    private static int maxLevelDifference(byte[] a, byte[] b) {
        int largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(Byte.toUnsignedInt(a[i]) - Byte.toUnsignedInt(b[i])));
        }
        return largest;
    }
}
