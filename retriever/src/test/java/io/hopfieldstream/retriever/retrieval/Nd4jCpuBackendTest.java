package io.hopfieldstream.retriever.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.schemas.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Nd4jCpuBackendTest {

    private static final int PIXELS = Topics.PIXELS_PER_IMAGE;

    private Nd4jCpuBackend backend;

    @AfterEach
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    @ParameterizedTest(name = "beta={0}")
    @ValueSource(doubles = {1e-3, 1e-2, 0.1, 1, 10, 100, 1e3, 1e4})
    void betaRangeStaysFinite(double beta) {
        Random random = new Random(17);
        MemorySnapshot memory = randomMemory(random, 1, 60);
        List<byte[]> probes = noisyProbes(random, memory, 8, 60);
        RetrievalSettings settings = RetrievalSettings.defaults().withNormalization(Normalization.NONE).withBeta(beta)
                .withChunkSize(16);

        KernelOutput output;
        try (KernelMemory prepared = SnapshotMatrices.build(memory, Normalization.NONE, false);
                HopfieldKernel kernel = new HopfieldKernel()) {
            float[][] keys = probes.stream().map(pixels -> SnapshotMatrices.key(pixels, Normalization.NONE,
                    new float[PIXELS])).toArray(float[][]::new);
            output = kernel.run(prepared, keys, new byte[probes.size()][], settings);
        }

        for (int probe = 0; probe < probes.size(); probe++) {
            for (float value : output.readout()[probe]) {
                assertThat(Float.isFinite(value)).as("readout of probe %d", probe).isTrue();
            }
            assertThat(output.retrievedWeight()[probe]).as("weight of probe %d", probe).isBetween(0.0, 1.0);
            assertThat(output.attentionSpread()[probe]).as("spread of probe %d", probe).isBetween(1, 60);
        }
    }

    @Test
    void largeBetaReturnsArgMaxPattern() {
        Random random = new Random(19);
        MemorySnapshot memory = randomMemory(random, 1, 60);
        List<byte[]> probes = noisyProbes(random, memory, 8, 60);
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults().withNormalization(Normalization.NONE)
                .withBeta(1e4).withChunkSize(16));

        List<RetrievalResult> results = backend.retrieve(memory, new ProbeBatch(probes, noMasks(probes.size())));

        for (int probe = 0; probe < probes.size(); probe++) {
            int expected = argMaxDotProduct(probes.get(probe), memory);
            RetrievalResult result = results.get(probe);
            assertThat(result.retrievedIndex()).as("probe %d", probe).isEqualTo(expected);
            assertThat(result.retrievedWeight()).as("probe %d", probe).isEqualTo(1.0);
            assertThat(result.attentionSpread()).as("probe %d", probe).isEqualTo(1);
            assertThat(result.reconstruction()).as("probe %d", probe)
                    .containsExactly(memory.patterns().get(expected).pixels());
        }
    }

    @Test
    void memoryRebuiltOnNewVersionOnly() {
        Random random = new Random(23);
        MemorySnapshot first = randomMemory(random, 1, 10);
        MemorySnapshot sameVersion = randomMemory(random, 1, 10);
        MemorySnapshot nextVersion = new MemorySnapshot(2, sameVersion.patterns());
        byte[] probe = sameVersion.patterns().get(4).pixels().clone();
        ProbeBatch batch = new ProbeBatch(List.of(probe), noMasks(1));
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults().withBeta(1e4));

        RetrievalResult fromFirst = backend.retrieve(first, batch).get(0);
        RetrievalResult fromSameVersion = backend.retrieve(sameVersion, batch).get(0);
        RetrievalResult fromNextVersion = backend.retrieve(nextVersion, batch).get(0);

        assertThat(fromSameVersion.reconstruction()).containsExactly(fromFirst.reconstruction());
        assertThat(fromNextVersion.retrievedIndex()).isEqualTo(4);
        assertThat(fromNextVersion.reconstruction()).containsExactly(probe);
    }

    @Test
    void maskIgnoredWhenMaskAwareOff() {
        Random random = new Random(29);
        MemorySnapshot memory = randomMemory(random, 1, 20);
        byte[] probe = noisyProbes(random, memory, 1, 20).get(0);
        byte[] mask = new byte[PIXELS];
        Arrays.fill(mask, 0, PIXELS / 2, (byte) 1);
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults().withMaskAware(false));

        List<RetrievalResult> results = backend.retrieve(memory,
                new ProbeBatch(List.of(probe, probe), Arrays.asList(mask, null)));

        assertThat(results.get(0).reconstruction()).containsExactly(results.get(1).reconstruction());
        assertThat(results.get(0).retrievedWeight()).isEqualTo(results.get(1).retrievedWeight());
    }

    @Test
    void maskAwareProbeFindsItsPattern() {
        Random random = new Random(31);
        MemorySnapshot memory = randomMemory(random, 1, 20);
        byte[] probe = memory.patterns().get(7).pixels().clone();
        byte[] mask = new byte[PIXELS];
        Arrays.fill(mask, 0, PIXELS / 2, (byte) 1);
        Arrays.fill(probe, PIXELS / 2, PIXELS, (byte) 0);
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults().withBeta(128));

        RetrievalResult result = backend.retrieve(memory, new ProbeBatch(List.of(probe), List.of(mask))).get(0);

        assertThat(result.retrievedIndex()).isEqualTo(7);
        assertThat(result.iterations()).isEqualTo(1);
        assertThat(result.converged()).isFalse();
    }

    @Test
    void maskAwareIgnoresUnknownPixels() {
        Random random = new Random(37);
        MemorySnapshot memory = randomMemory(random, 1, 20);
        byte[] zeroFilled = memory.patterns().get(3).pixels().clone();
        byte[] mask = new byte[PIXELS];
        Arrays.fill(mask, 0, PIXELS / 2, (byte) 1);
        Arrays.fill(zeroFilled, PIXELS / 2, PIXELS, (byte) 0);
        byte[] noiseFilled = zeroFilled.clone();
        for (int i = PIXELS / 2; i < PIXELS; i++) {
            noiseFilled[i] = (byte) random.nextInt(256);
        }
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults().withBeta(8));

        List<RetrievalResult> results = backend.retrieve(memory,
                new ProbeBatch(List.of(zeroFilled, noiseFilled), List.of(mask, mask)));

        assertThat(results.get(1).reconstruction()).containsExactly(results.get(0).reconstruction());
        assertThat(results.get(1).retrievedIndex()).isEqualTo(results.get(0).retrievedIndex());
        assertThat(results.get(1).retrievedWeight()).isEqualTo(results.get(0).retrievedWeight());
        assertThat(results.get(1).attentionSpread()).isEqualTo(results.get(0).attentionSpread());
    }

    @Test
    void emptyMemoryGivesNoPattern() {
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults());

        List<RetrievalResult> results = backend.retrieve(new MemorySnapshot(0, List.of()),
                new ProbeBatch(List.of(new byte[PIXELS]), noMasks(1)));

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.retrievedIndex()).isEqualTo(-1);
            assertThat(result.iterations()).isZero();
            assertThat(result.reconstruction()).hasSize(PIXELS).containsOnly(0);
        });
    }

    @Test
    void emptyBatchGivesNoResults() {
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults());

        List<RetrievalResult> results = backend.retrieve(randomMemory(new Random(1), 1, 3),
                new ProbeBatch(List.of(), List.of()));

        assertThat(results).isEmpty();
    }

    @Test
    void wrongPixelCountRejected() {
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults());
        MemorySnapshot memory = randomMemory(new Random(1), 1, 3);

        assertThatThrownBy(() -> backend.retrieve(memory,
                new ProbeBatch(List.of(new byte[PIXELS], new byte[100]), noMasks(2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Probe 1 of the batch is invalid: probe has 100 pixel values, expected 3072");
    }

    @Test
    void nonBinaryMaskRejected() {
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults());
        MemorySnapshot memory = randomMemory(new Random(1), 1, 3);
        byte[] mask = new byte[PIXELS];
        Arrays.fill(mask, (byte) 1);
        mask[10] = (byte) 255;

        assertThatThrownBy(() -> backend.retrieve(memory, new ProbeBatch(List.of(new byte[PIXELS]), List.of(mask))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Probe 0 of the batch is invalid: known-pixel mask has value 255 at index 10, "
                        + "expected 0 (unknown) or 1 (known)");
    }

    @Test
    void maskWithoutKnownPixelRejected() {
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults());
        MemorySnapshot memory = randomMemory(new Random(1), 1, 3);

        assertThatThrownBy(() -> backend.retrieve(memory,
                new ProbeBatch(List.of(new byte[PIXELS]), List.<byte[]>of(new byte[PIXELS]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("known-pixel mask marks no pixel as known");
    }

    @Test
    void maskCountMismatchRejected() {
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults());
        MemorySnapshot memory = randomMemory(new Random(1), 1, 3);

        assertThatThrownBy(() -> backend.retrieve(memory, new ProbeBatch(List.of(new byte[PIXELS]), List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 pixel arrays but 0 mask entries");
    }

    @Test
    void otherThreadRejected() throws InterruptedException, ExecutionException {
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults());
        MemorySnapshot memory = randomMemory(new Random(1), 1, 3);
        ProbeBatch batch = new ProbeBatch(List.of(new byte[PIXELS]), noMasks(1));
        backend.retrieve(memory, batch);

        Throwable failure = CompletableFuture.supplyAsync(() -> {
            try {
                backend.retrieve(memory, batch);
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        }).get();

        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("use one backend per thread");
    }

    @Test
    void describeNamesDataType() {
        backend = new Nd4jCpuBackend(RetrievalSettings.defaults());

        assertThat(backend.describe()).contains("ND4J").contains("float32");
    }

    private static MemorySnapshot randomMemory(Random random, long version, int size) {
        List<StoredPattern> patterns = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] pixels = new byte[PIXELS];
            random.nextBytes(pixels);
            patterns.add(new StoredPattern("pattern-" + i, i % 10, pixels));
        }
        return new MemorySnapshot(version, patterns);
    }

    /** Returns copies of random stored patterns with noise of 40 pixel levels, clipped to 0..255. */
    private static List<byte[]> noisyProbes(Random random, MemorySnapshot memory, int count, int size) {
        List<byte[]> probes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] original = memory.patterns().get(random.nextInt(size)).pixels();
            byte[] probe = new byte[PIXELS];
            for (int p = 0; p < PIXELS; p++) {
                long value = Math.round(Byte.toUnsignedInt(original[p]) + 40 * random.nextGaussian());
                probe[p] = (byte) Math.max(0, Math.min(255, value));
            }
            probes.add(probe);
        }
        return probes;
    }

    private static int argMaxDotProduct(byte[] probe, MemorySnapshot memory) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int row = 0; row < memory.size(); row++) {
            byte[] pattern = memory.patterns().get(row).pixels();
            double score = 0;
            for (int p = 0; p < PIXELS; p++) {
                score += Byte.toUnsignedInt(probe[p]) / 255.0 * (Byte.toUnsignedInt(pattern[p]) / 255.0);
            }
            if (score > bestScore) {
                bestScore = score;
                best = row;
            }
        }
        return best;
    }

    private static List<byte[]> noMasks(int count) {
        return Arrays.asList(new byte[count][]);
    }
}
