package io.hopfieldstream.launcher.experiment.sweep;

import io.hopfieldstream.evaluator.scoring.Scorer;
import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.retriever.retrieval.Normalization;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything that defines one point of a sweep: the memory, the probes and the retrieval and scoring settings.
 *
 * @param memory the stored images
 * @param corruption corruption spec of the probes in canonical form, for example "gaussian:25" or "lower-half"
 * @param fill what the hidden values of masked probes hold
 * @param beta inverse temperature of the softmax, greater than 0 and at most {@value RetrievalSettings#MAX_BETA}
 * @param iterations most update steps per probe, 1..{@value #MAX_ITERATIONS}
 * @param tolerance largest change of an attention weight at which iteration stops, at least 0
 * @param normalization preparation of stored patterns and probes
 * @param maskAware whether masked probes are scored on their known pixels only
 * @param threshold similarity at or above which a reconstruction counts as correct, -1..1
 * @param probes number of probes, each made from a different stored image, 1 up to the memory size
 */
public record PointSettings(
        MemorySpec memory,
        String corruption,
        ProbeFill fill,
        double beta,
        int iterations,
        double tolerance,
        Normalization normalization,
        boolean maskAware,
        double threshold,
        int probes) {

    /** Most update steps a point may ask for, as the retriever allows. */
    public static final int MAX_ITERATIONS = 1_000;

    /** Probes per point unless a sweep sets another number. */
    public static final int DEFAULT_PROBES = 200;

    /**
     * Validates every value and puts the corruption spec in canonical form.
     *
     * @throws IllegalArgumentException naming the first invalid setting, its value and the allowed range
     */
    public PointSettings {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(corruption, "corruption");
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(normalization, "normalization");
        CorruptionSpec spec = CorruptionSpec.parse(corruption);
        corruption = spec.spec();

        if (fill == ProbeFill.KNOWN_MEAN && !spec.hasMask()) {
            throw new IllegalArgumentException("Invalid fill known-mean for corruption '" + corruption
                    + "': it hides no pixels, so there is nothing to fill");
        }
        if (!(beta > 0 && beta <= RetrievalSettings.MAX_BETA)) {
            throw new IllegalArgumentException("Invalid beta " + beta + ": expected a number greater than 0 and at most "
                    + RetrievalSettings.MAX_BETA);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Invalid iterations " + iterations + ": expected 1.." + MAX_ITERATIONS);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("Invalid tolerance " + tolerance + ": expected a finite number of at least 0");
        }
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new IllegalArgumentException("Invalid threshold " + threshold + ": expected -1..1");
        }
        if (probes < 1 || probes > memory.size()) {
            throw new IllegalArgumentException("Invalid probe count " + probes + " for a memory of " + memory.size()
                    + " images: expected 1.." + memory.size() + " (each probe is made from a different stored image)");
        }
    }

    /**
     * Returns the default point: 1,000 mixed test images, Gaussian noise of sigma 25, and the retriever's and
     * evaluator's default settings (beta 32, one update, centred unit-length patterns, mask-aware, threshold 0.95).
     */
    public static PointSettings defaults() {
        RetrievalSettings retrieval = RetrievalSettings.defaults();
        return new PointSettings(MemorySpec.parse("test:mixed:1000"), "gaussian:25", ProbeFill.ZERO, retrieval.beta(),
                retrieval.maxIterations(), retrieval.tolerance(), retrieval.normalization(), retrieval.maskAware(),
                Scorer.DEFAULT_THRESHOLD, DEFAULT_PROBES);
    }

    /** Returns the parsed corruption spec. */
    public CorruptionSpec corruptionSpec() {
        return CorruptionSpec.parse(corruption);
    }

    /** Returns the retriever's settings for this point, with the default chunk size. */
    public RetrievalSettings retrieval() {
        return new RetrievalSettings(beta, iterations, tolerance, normalization, maskAware,
                RetrievalSettings.DEFAULT_CHUNK_SIZE);
    }

    /**
     * Returns the key of the retrieval settings alone; points with equal keys and equal memories can share one
     * retriever run.
     */
    public String retrievalKey() {
        return String.format(Locale.ROOT, "beta=%s;iterations=%d;tolerance=%s;normalization=%s;maskAware=%b",
                beta, iterations, tolerance, normalization, maskAware);
    }

    /**
     * Returns every setting as one string; two points are the same point exactly when their canonical strings
     * are equal.
     */
    public String canonical() {
        return String.format(Locale.ROOT, "memory=%s;corruption=%s;fill=%s;%s;threshold=%s;probes=%d",
                memory.text(), corruption, fill.id(), retrievalKey(), threshold, probes);
    }

    /**
     * Describes the probes for tables and sample grids: the corruption, then how masked pixels are treated,
     * for example "lower-half, mask-aware" or "gaussian:25".
     */
    public String probeLabel() {
        if (!corruptionSpec().hasMask()) {
            return corruption;
        }
        if (fill == ProbeFill.KNOWN_MEAN) {
            return corruption + ", filled with known mean" + (maskAware ? ", mask-aware" : "");
        }
        return corruption + (maskAware ? ", mask-aware" : ", plain");
    }

    public PointSettings withMemory(MemorySpec value) {
        return new PointSettings(value, corruption, fill, beta, iterations, tolerance, normalization, maskAware,
                threshold, probes);
    }

    public PointSettings withCorruption(String value) {
        return new PointSettings(memory, value, fill, beta, iterations, tolerance, normalization, maskAware,
                threshold, probes);
    }

    public PointSettings withFill(ProbeFill value) {
        return new PointSettings(memory, corruption, value, beta, iterations, tolerance, normalization, maskAware,
                threshold, probes);
    }

    public PointSettings withBeta(double value) {
        return new PointSettings(memory, corruption, fill, value, iterations, tolerance, normalization, maskAware,
                threshold, probes);
    }

    public PointSettings withIterations(int value) {
        return new PointSettings(memory, corruption, fill, beta, value, tolerance, normalization, maskAware,
                threshold, probes);
    }

    public PointSettings withTolerance(double value) {
        return new PointSettings(memory, corruption, fill, beta, iterations, value, normalization, maskAware,
                threshold, probes);
    }

    public PointSettings withNormalization(Normalization value) {
        return new PointSettings(memory, corruption, fill, beta, iterations, tolerance, value, maskAware,
                threshold, probes);
    }

    public PointSettings withMaskAware(boolean value) {
        return new PointSettings(memory, corruption, fill, beta, iterations, tolerance, normalization, value,
                threshold, probes);
    }

    public PointSettings withThreshold(double value) {
        return new PointSettings(memory, corruption, fill, beta, iterations, tolerance, normalization, maskAware,
                value, probes);
    }

    public PointSettings withProbes(int value) {
        return new PointSettings(memory, corruption, fill, beta, iterations, tolerance, normalization, maskAware,
                threshold, value);
    }
}
