package io.hopfieldstream.retriever.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.retriever.memory.MemorySnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retrieval of real CIFAR-10 images with the default settings. */
class CifarRetrievalTest {

    @Test
    void storedImageRetrievesItself() {
        MemorySnapshot memory = CifarTestImages.snapshot();
        List<CifarImage> images = CifarTestImages.firstTestImages();
        List<byte[]> probes = new ArrayList<>();
        for (CifarImage image : images) {
            probes.add(image.pixels().clone());
        }

        List<RetrievalResult> results;
        try (Nd4jCpuBackend backend = new Nd4jCpuBackend(RetrievalSettings.defaults())) {
            results = backend.retrieve(memory, new ProbeBatch(probes, Arrays.asList(new byte[probes.size()][])));
        }

        for (int i = 0; i < images.size(); i++) {
            RetrievalResult result = results.get(i);
            assertThat(result.retrievedIndex()).as("image %d", i).isEqualTo(i);
            assertThat(CifarTestImages.pearson(result.reconstruction(), images.get(i).pixels())).as("image %d", i)
                    .isGreaterThanOrEqualTo(0.999);
        }
    }
}
