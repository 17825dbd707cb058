package io.hopfieldstream.launcher.stress;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of one stress run.
 *
 * @param experimentId experiment id on every probe of the run
 * @param corruptions corruption mix; each corruption gets an equal share of the offered rate
 * @param experimentSeed seed of the corruptions and the probe order
 * @param retrieval the Modern Hopfield update of the retrievers and of the kernel measurement
 * @param batchSize most probes a retriever retrieves together
 * @param maxBatchWait longest wait of a retriever for a partial batch
 * @param partitions partitions of the probe and reconstruction topics when the run creates them
 * @param retrievers retriever instances started in this process, in one consumer group, each with its
 *     own backend; 0 when the retrievers run elsewhere
 * @param retrieverGroup consumer group of the retrievers, for the lag; the in-process ones join it
 * @param producerOnly send probes only: no retrievers, no kernel measurement, no reconstructions
 * @param load offered rate over time
 * @param kernelDuration time of the kernel measurement before the pipeline phase; zero to skip it
 * @param reportInterval time between two live lines
 * @param drainTimeout longest wait after the last probe for the reconstructions still in flight
 * @param outputDirectory folder of the JSON results and the PNG plot
 * @param corruptEachProbe corrupt every probe as it is sent; when false, one pass over the targets is
 *     corrupted per corruption before the phases, and the publishers cycle through it under new probe ids
 *     ({@link io.hopfieldstream.producer.publish.CorruptedPass}), so making noise takes no CPU from the
 *     pipeline under test
 */
public record StressSettings(
        String experimentId,
        List<CorruptionSpec> corruptions,
        long experimentSeed,
        RetrievalSettings retrieval,
        int batchSize,
        Duration maxBatchWait,
        int partitions,
        int retrievers,
        String retrieverGroup,
        boolean producerOnly,
        LoadProfile load,
        Duration kernelDuration,
        Duration reportInterval,
        Duration drainTimeout,
        Path outputDirectory,
        boolean corruptEachProbe) {

    public StressSettings {
        Objects.requireNonNull(experimentId, "experimentId");
        corruptions = List.copyOf(corruptions);
        if (corruptions.isEmpty()) {
            throw new IllegalArgumentException("No corruption given: expected at least one");
        }
        Objects.requireNonNull(retrieval, "retrieval");
        Objects.requireNonNull(maxBatchWait, "maxBatchWait");
        if (partitions < 1) {
            throw new IllegalArgumentException("Invalid partitions " + partitions + ": expected at least 1");
        }
        if (retrievers < 0) {
            throw new IllegalArgumentException("Invalid retrievers " + retrievers + ": expected 0 or more");
        }
        Objects.requireNonNull(retrieverGroup, "retrieverGroup");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(kernelDuration, "kernelDuration");
        Objects.requireNonNull(reportInterval, "reportInterval");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        if (producerOnly && load.isRamp()) {
            throw new IllegalArgumentException("A ramp needs reconstructions to judge each step; it cannot run"
                    + " producer-only");
        }
    }

    /** Returns whether the run measures the kernel before the pipeline phase. */
    public boolean measuresKernel() {
        return !producerOnly && !kernelDuration.isZero();
    }
}
