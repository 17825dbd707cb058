package io.hopfieldstream.launcher.experiment.sweep;

import io.hopfieldstream.retriever.retrieval.Normalization;

/**
 * A point's settings while a sweep file's values are applied to them one by one; {@link #build()}
 * checks them together. Values may be inconsistent until then, for example a probe count larger
 * than a memory size that a later value raises.
 */
final class PointDraft {

    MemorySource memorySource;
    int memoryLabel;
    int memorySize;
    String corruption;
    ProbeFill fill;
    double beta;
    int iterations;
    double tolerance;
    Normalization normalization;
    boolean maskAware;
    double threshold;
    int probes;

    PointDraft(PointSettings settings) {
        memorySource = settings.memory().source();
        memoryLabel = settings.memory().label();
        memorySize = settings.memory().size();
        corruption = settings.corruption();
        fill = settings.fill();
        beta = settings.beta();
        iterations = settings.iterations();
        tolerance = settings.tolerance();
        normalization = settings.normalization();
        maskAware = settings.maskAware();
        threshold = settings.threshold();
        probes = settings.probes();
    }

    void memory(MemorySpec spec) {
        memorySource = spec.source();
        memoryLabel = spec.label();
        memorySize = spec.size();
    }

    /**
     * Builds the settings. A probe count above the memory size becomes the memory size, so a small memory is
     * probed once through each stored image.
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    PointSettings build() {
        MemorySpec memory = new MemorySpec(memorySource, memoryLabel, memorySize);
        return new PointSettings(memory, corruption, fill, beta, iterations, tolerance, normalization, maskAware,
                threshold, Math.min(probes, memorySize));
    }
}
