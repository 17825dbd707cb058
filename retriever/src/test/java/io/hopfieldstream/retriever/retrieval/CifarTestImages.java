package io.hopfieldstream.retriever.retrieval;

import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.dataset.CifarSelection;
import io.hopfieldstream.producer.dataset.CifarSource;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first 1,000 CIFAR-10 test images for retrieval tests, read once per JVM. The data is found
 * through the system property {@code hopfield.data}, then the environment variable
 * {@code HOPFIELD_DATA}, then {@code ../shared/cifar-10} relative to the repository root or the module.
 */
final class CifarTestImages {

    static final int COUNT = 1000;

    private static List<CifarImage> images;

    private CifarTestImages() {
    }

    static synchronized List<CifarImage> firstTestImages() {
        if (images == null) {
            images = CifarReader.open(locate()).read(CifarSelection.range(CifarSplit.TEST, 0, COUNT));
        }
        return images;
    }

    /** Returns the images as a memory snapshot at version 1, row i holding test image i. */
    static MemorySnapshot snapshot() {
        List<StoredPattern> patterns = new ArrayList<>();
        for (CifarImage image : firstTestImages()) {
            patterns.add(new StoredPattern(image.patternId(), image.label(), image.pixels()));
        }
        return new MemorySnapshot(1, patterns);
    }

    /** Pearson correlation of two pixel arrays, the product's similarity measure. */
    static double pearson(byte[] a, byte[] b) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += Byte.toUnsignedInt(a[i]);
            meanB += Byte.toUnsignedInt(b[i]);
        }
        meanA /= a.length;
        meanB /= b.length;
        double covariance = 0;
        double varianceA = 0;
        double varianceB = 0;
        for (int i = 0; i < a.length; i++) {
            double x = Byte.toUnsignedInt(a[i]) - meanA;
            double y = Byte.toUnsignedInt(b[i]) - meanB;
            covariance += x * y;
            varianceA += x * x;
            varianceB += y * y;
        }
        return covariance / Math.sqrt(varianceA * varianceB);
    }

    private static Path locate() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("hopfield.data")).filter(value -> !value.isBlank())
                .ifPresent(value -> candidates.add(Path.of(value)));
        Optional.ofNullable(System.getenv("HOPFIELD_DATA")).filter(value -> !value.isBlank())
                .ifPresent(value -> candidates.add(Path.of(value)));
        candidates.add(Path.of("..", "shared", "cifar-10"));
        candidates.add(Path.of("..", "..", "shared", "cifar-10"));
        for (Path candidate : candidates) {
            Path absolute = candidate.toAbsolutePath().normalize();
            if (CifarSource.detect(absolute).isPresent()) {
                return absolute;
            }
        }
        throw new IllegalStateException("No CIFAR-10 data for the tests in " + candidates
                + "; set HOPFIELD_DATA or -Dhopfield.data to the folder or archive");
    }
}
