package io.hopfieldstream.retriever.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hopfieldstream.retriever.cuda.bench.ReferenceRetrieval;
import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.retriever.retrieval.Normalization;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cuda backend against the double-precision reference. Every test but the first needs a CUDA
 * device and skips without one; the first needs its absence.
 */
class CudaBackendTest {

    private static final int PIXELS = 3072;
    private static GpuEnvironment environment;

    @BeforeAll
    static void probe() {
        environment = new JavaCppGpuProbe().probe();
    }

    private static void assumeGpu() {
        assumeTrue(environment.cudaLoaded() && !environment.devices().isEmpty(),
                () -> "no CUDA device here (" + environment.cudaProblem().orElse("the driver sees no device")
                        + "); the GPU tests run on a GPU machine, see bench/gpu/run.sh");
    }

    @Test
    void constructorRejectsMissingDriver() {
        assumeFalse(environment.cudaLoaded() && !environment.devices().isEmpty(), "a CUDA device is present");

        assertThatThrownBy(() -> new CudaBackend(RetrievalSettings.defaults(), CudaSettings.defaults()))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("The cuda backend cannot start: ");
    }

    @Test
    void plainProbesMatchReference() {
        assumeGpu();
        MemorySnapshot memory = randomMemory(37, 1);
        RetrievalSettings settings = settings(8.0, 1, Normalization.CENTER_UNIT);
        List<byte[]> probes = noisyCopies(memory, new int[] {0, 5, 36, 12, 12}, 40, 2);

        assertMatchesReference(memory, settings, CudaSettings.defaults(), probes, nulls(probes.size()));
    }

    @Test
    void maskedProbesMatchReference() {
        assumeGpu();
        MemorySnapshot memory = randomMemory(29, 3);
        RetrievalSettings settings = settings(128.0, 3, Normalization.CENTER_UNIT);
        List<byte[]> probes = noisyCopies(memory, new int[] {3, 4, 28, 9}, 10, 4);
        List<byte[]> masks = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            masks.add(i % 2 == 0 ? lowerHalfUnknown() : null);
        }

        assertMatchesReference(memory, settings, CudaSettings.defaults(), probes, masks);
    }

    @Test
    void iterationsStopUnconvergedAtZeroTolerance() {
        assumeGpu();
        MemorySnapshot memory = randomMemory(23, 5);
        // A small beta keeps the attention spread out, so every step changes the weights a little.
        RetrievalSettings settings = new RetrievalSettings(2.0, 3, 0.0, Normalization.CENTER_UNIT, false, 8192);
        List<byte[]> probes = noisyCopies(memory, new int[] {1, 2}, 60, 6);

        List<ReadoutResult> results = assertMatchesReference(memory, settings, CudaSettings.defaults(), probes,
                nulls(2));

        assertThat(results).allSatisfy(result -> {
            assertThat(result.result().iterations()).isEqualTo(3);
            assertThat(result.result().converged()).isFalse();
        });
    }

    @Test
    void blocksEqualOneBlock() {
        assumeGpu();
        MemorySnapshot memory = randomMemory(41, 7);
        RetrievalSettings settings = settings(32.0, 2, Normalization.CENTER_UNIT);
        List<byte[]> probes = noisyCopies(memory, new int[] {0, 1, 2, 3, 4, 5, 6}, 30, 8);
        CudaSettings small = new CudaSettings(0, GemmPrecision.FLOAT32, 2, CudaSettings.DEFAULT_SCORE_MEMORY_BYTES);

        try (CudaBackend whole = new CudaBackend(settings, CudaSettings.defaults());
             CudaBackend blocks = new CudaBackend(settings, small)) {
            List<RetrievalResult> expected = whole.retrieve(memory, new ProbeBatch(probes, nulls(7)));
            List<RetrievalResult> actual = blocks.retrieve(memory, new ProbeBatch(probes, nulls(7)));
            for (int i = 0; i < probes.size(); i++) {
                assertThat(actual.get(i).retrievedIndex()).isEqualTo(expected.get(i).retrievedIndex());
                assertThat(actual.get(i).reconstruction()).isEqualTo(expected.get(i).reconstruction());
            }
        }
    }

    @Test
    void emptyMemoryGivesNoMatch() {
        assumeGpu();
        try (CudaBackend backend = new CudaBackend(RetrievalSettings.defaults(), CudaSettings.defaults())) {
            List<RetrievalResult> results = backend.retrieve(new MemorySnapshot(0, List.of()),
                    new ProbeBatch(List.of(new byte[PIXELS]), nulls(1)));

            assertThat(results.get(0).retrievedIndex()).isEqualTo(-1);
            assertThat(results.get(0).iterations()).isZero();
            assertThat(results.get(0).reconstruction()).containsOnly((byte) 0);
        }
    }

    @Test
    void tensorCorePrecisionsKeepIds() {
        assumeGpu();
        MemorySnapshot memory = randomMemory(50, 9);
        List<byte[]> probes = noisyCopies(memory, new int[] {7, 8, 49}, 20, 10);
        for (GemmPrecision precision : new GemmPrecision[] {GemmPrecision.TF32, GemmPrecision.BF16}) {
            try (CudaBackend backend = new CudaBackend(RetrievalSettings.defaults(),
                    CudaSettings.defaults().withPrecision(precision))) {
                List<RetrievalResult> results = backend.retrieve(memory, new ProbeBatch(probes, nulls(3)));

                assertThat(results).extracting(RetrievalResult::retrievedIndex).containsExactly(7, 8, 49);
            }
        }
    }

    @Test
    void newSnapshotVersionIsUploaded() {
        assumeGpu();
        MemorySnapshot first = randomMemory(10, 11);
        MemorySnapshot second = new MemorySnapshot(first.version() + 1, first.patterns().subList(5, 10));
        List<byte[]> probe = List.of(first.patterns().get(7).pixels());
        try (CudaBackend backend = new CudaBackend(RetrievalSettings.defaults(), CudaSettings.defaults())) {
            assertThat(backend.retrieve(first, new ProbeBatch(probe, nulls(1))).get(0).retrievedIndex()).isEqualTo(7);
            assertThat(backend.retrieve(second, new ProbeBatch(probe, nulls(1))).get(0).retrievedIndex()).isEqualTo(2);
        }
    }

    private static List<ReadoutResult> assertMatchesReference(MemorySnapshot memory, RetrievalSettings settings,
                                                              CudaSettings cudaSettings, List<byte[]> probes,
                                                              List<byte[]> masks) {
        ReferenceRetrieval reference = new ReferenceRetrieval(memory, settings);
        try (CudaBackend backend = new CudaBackend(settings, cudaSettings)) {
            List<ReadoutResult> results = backend.retrieveWithReadout(memory, new ProbeBatch(probes, masks));
            for (int i = 0; i < probes.size(); i++) {
                ReferenceRetrieval.Outcome expected = reference.retrieve(probes.get(i), masks.get(i));
                RetrievalResult actual = results.get(i).result();
                assertThat(actual.retrievedIndex()).as("index of probe %d", i).isEqualTo(expected.retrievedIndex());
                assertThat(actual.retrievedWeight()).as("weight of probe %d", i)
                        .isCloseTo(expected.retrievedWeight(), org.assertj.core.data.Offset.offset(1e-4));
                assertThat(actual.attentionSpread()).as("spread of probe %d", i).isEqualTo(expected.attentionSpread());
                assertThat(actual.iterations()).as("iterations of probe %d", i).isEqualTo(expected.iterations());
                assertThat(actual.converged()).as("converged of probe %d", i).isEqualTo(expected.converged());
                assertThat(relativeError(results.get(i).readout(), expected.readout())).as("readout of probe %d", i)
                        .isLessThan(1e-4);
            }
            return results;
        }
    }

    static double relativeError(float[] actual, double[] expected) {
        double difference = 0;
        double norm = 0;
        for (int c = 0; c < expected.length; c++) {
            difference += (actual[c] - expected[c]) * (actual[c] - expected[c]);
            norm += expected[c] * expected[c];
        }
        return Math.sqrt(difference / norm);
    }

    private static RetrievalSettings settings(double beta, int maxIterations, Normalization normalization) {
        return new RetrievalSettings(beta, maxIterations, 1e-4, normalization, true, 8192);
    }

    private static MemorySnapshot randomMemory(int size, long seed) {
        Random random = new Random(seed);
        List<StoredPattern> patterns = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] pixels = new byte[PIXELS];
            random.nextBytes(pixels);
            patterns.add(new StoredPattern("p" + i, i % 10, pixels));
        }
        return new MemorySnapshot(seed, patterns);
    }

    private static List<byte[]> noisyCopies(MemorySnapshot memory, int[] rows, int noise, long seed) {
        Random random = new Random(seed);
        List<byte[]> probes = new ArrayList<>();
        for (int row : rows) {
            byte[] pixels = memory.patterns().get(row).pixels().clone();
            for (int c = 0; c < PIXELS; c++) {
                int value = (pixels[c] & 0xff) + (int) Math.round(random.nextGaussian() * noise);
                pixels[c] = (byte) Math.max(0, Math.min(255, value));
            }
            probes.add(pixels);
        }
        return probes;
    }

    private static byte[] lowerHalfUnknown() {
        byte[] mask = new byte[PIXELS];
        for (int channel = 0; channel < 3; channel++) {
            Arrays.fill(mask, channel * 1024, channel * 1024 + 512, (byte) 1);
        }
        return mask;
    }

    private static List<byte[]> nulls(int count) {
        return new ArrayList<>(java.util.Collections.nCopies(count, (byte[]) null));
    }
}
