package io.hopfieldstream.producer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.hopfieldstream.producer.dataset.CifarSource;

/**
 * Finds the CIFAR-10 archive for tests: the system property {@code hopfield.data}, then the environment
 * variable {@code HOPFIELD_DATA}, then {@code ../shared/cifar-10} relative to the repository root or the module.
 */
public final class TestData {

    private TestData() {
    }

    /** Returns the CIFAR-10 data the tests read, failing with the places searched when there is none. */
    public static CifarSource source() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("hopfield.data");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        }
        String environment = System.getenv("HOPFIELD_DATA");
        if (environment != null && !environment.isBlank()) {
            candidates.add(Path.of(environment));
        }
        candidates.add(Path.of("..", "shared", "cifar-10"));
        candidates.add(Path.of("..", "..", "shared", "cifar-10"));

        for (Path candidate : candidates) {
            var source = CifarSource.detect(candidate.toAbsolutePath().normalize());
            if (source.isPresent()) {
                return source.get();
            }
        }
        throw new IllegalStateException("No CIFAR-10 data for the tests in " + candidates
                + "; set HOPFIELD_DATA or -Dhopfield.data to the folder or archive");
    }

    /** Returns the CIFAR-10 archive file the tests read. */
    public static Path archive() {
        Path path = source().path();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Expected the CIFAR-10 archive, found the folder " + path);
        }
        return path;
    }
}
