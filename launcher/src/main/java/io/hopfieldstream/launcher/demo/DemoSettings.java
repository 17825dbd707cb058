package io.hopfieldstream.launcher.demo;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.retriever.cuda.BackendChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of one demo run. The commands check each value against its option's range before
 * building this record.
 *
 * @param experimentId experiment id on every probe of the run
 * @param memorySize first N CIFAR-10 test images stored in the memory bank
 * @param probes total probes, split evenly between the corruptions
 * @param rate total probes per second, 0 for unlimited
 * @param corruptions the corruptions, each with an equal share of the probes
 * @param beta inverse temperature of the retrieval softmax
 * @param batchSize most probes the retriever retrieves together
 * @param backend the retrieval backend: cpu, nd4j-cuda, cuda, or auto to pick one from what the machine has
 * @param experimentSeed seed of the corruptions
 * @param progressInterval time between two live lines
 * @param resultTimeout longest wait, after the last probe was sent, for every reconstruction and its metrics
 * @param samplesPerCorruption triplets per corruption in the picture
 * @param imageScale pixels per image pixel in the picture
 * @param outputDirectory folder the picture is written to
 */
public record DemoSettings(
        String experimentId,
        int memorySize,
        long probes,
        double rate,
        List<CorruptionSpec> corruptions,
        double beta,
        int batchSize,
        BackendChoice backend,
        long experimentSeed,
        Duration progressInterval,
        Duration resultTimeout,
        int samplesPerCorruption,
        int imageScale,
        Path outputDirectory) {

    public DemoSettings {
        Objects.requireNonNull(experimentId, "experimentId");
        corruptions = List.copyOf(corruptions);
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(resultTimeout, "resultTimeout");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
    }
}
