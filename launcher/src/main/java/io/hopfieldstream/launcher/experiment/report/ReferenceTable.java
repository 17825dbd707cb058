package io.hopfieldstream.launcher.experiment.report;

import io.hopfieldstream.launcher.experiment.run.PointResult;
import io.hopfieldstream.launcher.experiment.run.SweepResult;
import io.hopfieldstream.launcher.experiment.sweep.MemorySpec;
import io.hopfieldstream.launcher.experiment.sweep.PointSettings;
import io.hopfieldstream.launcher.experiment.sweep.ProbeFill;
import io.hopfieldstream.retriever.retrieval.Normalization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reference figures of the retrieval update, measured with a float64 NumPy implementation of the same update
 * (centred, unit-length patterns; similarity = Pearson correlation of the reconstruction with the original;
 * 300 random probes; a memory of the first 1,000 CIFAR-10 test images; one update), as published with the
 * retriever's specification, and the sweep points that measure the same thing.
 */
public final class ReferenceTable {

    /** Source of the figures, quoted in the report. */
    public static final String SOURCE = "float64 NumPy implementation of the same update (centred, unit-length "
            + "patterns; similarity = Pearson correlation of the reconstruction with the original; 300 random probes; "
            + "N = 1,000 CIFAR-10 test images; one update), published with the retriever's specification";

    /** Largest difference from the reference that the specification accepts. */
    public static final double TOLERANCE = 0.02;

    /** The memory the figures were measured on. */
    public static final MemorySpec MEMORY = MemorySpec.parse("test:mixed:1000");

    /** Threshold of "share with similarity >= 0.95". */
    public static final double THRESHOLD = 0.95;

    /** The reference rows, in the order they are published. */
    public static final List<Row> ROWS = List.of(
            new Row("noise sigma 25", "gaussian:25", ProbeFill.ZERO, false, 8, 1.00, 0.25),
            new Row("noise sigma 25", "gaussian:25", ProbeFill.ZERO, false, 32, 1.00, 1.00),
            new Row("noise sigma 100", "gaussian:100", ProbeFill.ZERO, false, 32, 1.00, 0.93),
            new Row("noise sigma 100", "gaussian:100", ProbeFill.ZERO, false, 128, 1.00, 1.00),
            new Row("lower half = 0, plain retrieval", "lower-half", ProbeFill.ZERO, false, 128, 0.05, 0.04),
            new Row("lower half, masked pixels = mean of known", "lower-half", ProbeFill.KNOWN_MEAN, false, 128, 0.86,
                    0.85),
            new Row("lower half, mask-aware (Pearson over known pixels)", "lower-half", ProbeFill.ZERO, true, 128, 1.00,
                    1.00));

    private ReferenceTable() {
    }

    /**
     * One published figure.
     *
     * @param probe the probe as described in the reference
     * @param corruption the corruption spec that makes such probes
     * @param fill what hidden pixels hold
     * @param maskAware whether retrieval scores known pixels only; irrelevant for unmasked probes
     * @param beta the inverse temperature
     * @param exactMatch the reference exact-match rate
     * @param shareAbove the reference share of reconstructions with similarity >= 0.95
     */
    public record Row(String probe, String corruption, ProbeFill fill, boolean maskAware, double beta,
            double exactMatch, double shareAbove) {

        /** Returns whether a point measures what this row measures. */
        public boolean matches(PointSettings settings) {
            boolean masked = settings.corruptionSpec().hasMask();
            return settings.memory().equals(MEMORY)
                    && settings.corruption().equals(corruption)
                    && settings.fill() == fill
                    && (!masked || settings.maskAware() == maskAware)
                    && settings.beta() == beta
                    && settings.iterations() == 1
                    && settings.normalization() == Normalization.CENTER_UNIT
                    && settings.threshold() == THRESHOLD;
        }
    }

    /**
     * A reference row with the sweep point that measures it.
     *
     * @param row the reference
     * @param measured the succeeded point with the most probes that matches it, or empty
     */
    public record Comparison(Row row, Optional<PointResult> measured) {

        /** Returns measured minus reference exact-match rate, or NaN without a measurement. */
        public double exactMatchDifference() {
            return measured.map(result -> result.metrics().getExactMatchRate() - row.exactMatch()).orElse(Double.NaN);
        }

        /** Returns measured minus reference share with similarity >= 0.95, or NaN without a measurement. */
        public double shareDifference() {
            return measured.map(result -> result.metrics().getAccuracy() - row.shareAbove()).orElse(Double.NaN);
        }

        /** Returns whether both differences are within {@link #TOLERANCE}; false without a measurement. */
        public boolean withinTolerance() {
            return measured.isPresent() && Math.abs(exactMatchDifference()) <= TOLERANCE + 1e-12
                    && Math.abs(shareDifference()) <= TOLERANCE + 1e-12;
        }
    }

    /** Matches every reference row with the sweep's points. */
    public static List<Comparison> compare(SweepResult result) {
        List<Comparison> comparisons = new ArrayList<>();
        for (Row row : ROWS) {
            Optional<PointResult> measured = result.points().values().stream()
                    .filter(PointResult::succeeded)
                    .filter(outcome -> row.matches(outcome.point().settings()))
                    .max(Comparator.comparingLong(outcome -> outcome.metrics().getCount()));
            comparisons.add(new Comparison(row, measured));
        }
        return comparisons;
    }
}
