package io.hopfieldstream.retriever.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.retriever.cuda.bench.ReferenceRetrieval;
import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The GPU's reference agrees with the CPU backend, so checking the GPU against it checks CPU parity. */
class ReferenceRetrievalTest {

    @Test
    void referenceMatchesCpuBackend() {
        Random random = new Random(21);
        List<StoredPattern> patterns = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            byte[] pixels = new byte[3072];
            random.nextBytes(pixels);
            patterns.add(new StoredPattern("p" + i, 0, pixels));
        }
        MemorySnapshot memory = new MemorySnapshot(1, patterns);
        byte[] mask = new byte[3072];
        Arrays.fill(mask, 0, 1536, (byte) 1);
        List<byte[]> probes = List.of(patterns.get(4).pixels(), patterns.get(11).pixels());
        List<byte[]> masks = Arrays.asList(null, mask);
        RetrievalSettings settings = new RetrievalSettings(0.02, 2, 1e-6,
                io.hopfieldstream.retriever.retrieval.Normalization.CENTER_UNIT, true, 8);

        ReferenceRetrieval reference = new ReferenceRetrieval(memory, settings);
        try (Nd4jCpuBackend cpu = new Nd4jCpuBackend(settings)) {
            List<RetrievalResult> results = cpu.retrieve(memory, new ProbeBatch(probes, masks));
            for (int i = 0; i < probes.size(); i++) {
                ReferenceRetrieval.Outcome expected = reference.retrieve(probes.get(i), masks.get(i));
                RetrievalResult actual = results.get(i);
                assertThat(actual.retrievedIndex()).isEqualTo(expected.retrievedIndex());
                assertThat(actual.retrievedWeight()).isCloseTo(expected.retrievedWeight(),
                        org.assertj.core.data.Offset.offset(1e-5));
                assertThat(actual.attentionSpread()).isEqualTo(expected.attentionSpread());
                assertThat(actual.iterations()).isEqualTo(expected.iterations());
                assertThat(actual.converged()).isEqualTo(expected.converged());
                for (int c = 0; c < 3072; c++) {
                    assertThat((double) (actual.reconstruction()[c] & 0xff))
                            .isCloseTo(expected.readout()[c], org.assertj.core.data.Offset.offset(0.5 + 1e-3));
                }
            }
        }
    }
}
