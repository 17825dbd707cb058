package io.hopfieldstream.launcher;

import io.hopfieldstream.producer.dataset.CifarReader;
import io.hopfieldstream.producer.dataset.CifarSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the CIFAR-10 data for the launcher's tests: the system property {@code hopfield.data},
 * then the environment variable {@code HOPFIELD_DATA}, then {@code shared/cifar-10} beside the
 * repository, seen from the repository root or from the module.
 */
public final class CifarTestData {

    private CifarTestData() {
    }

    /** Opens a reader on the data, failing with the places searched when none contains it. */
    public static CifarReader reader() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("hopfield.data")).filter(value -> !value.isBlank())
                .ifPresent(value -> candidates.add(Path.of(value)));
        Optional.ofNullable(System.getenv("HOPFIELD_DATA")).filter(value -> !value.isBlank())
                .ifPresent(value -> candidates.add(Path.of(value)));
        candidates.add(Path.of("..", "shared", "cifar-10"));
        candidates.add(Path.of("..", "..", "shared", "cifar-10"));

        for (Path candidate : candidates) {
            Optional<CifarSource> source = CifarSource.detect(candidate.toAbsolutePath().normalize());
            if (source.isPresent()) {
                return new CifarReader(source.get());
            }
        }
        throw new IllegalStateException("No CIFAR-10 data for the tests in " + candidates
                + "; set HOPFIELD_DATA or -Dhopfield.data to the archive or its folder");
    }
}
