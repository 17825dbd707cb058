package io.hopfieldstream.retriever.cuda.bench;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.retrieval.Normalization;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.util.Arrays;

/**
 * A plain double-precision implementation of the update {@code xi_new = X^T softmax(beta * X xi)}
 * with the backends' semantics, one probe at a time, to check GPU results against. Slow
 * (about 2 d N flops per step in scalar Java); meant for tens of probes.
 *
 * <p>Scores are beta times the dot product of normalised vectors, or, for a probe with a mask
 * under mask-aware retrieval, beta times the Pearson correlation over its known pixels with
 * pixel / 255 values (pattern spread floored at {@link #MIN_MASKED_SPREAD}, and a probe whose
 * spread is below it scores 0 everywhere); such a probe runs one
 * step and counts as converged when maxIterations is at least 2. A plain probe converges when a
 * step after the first changes no weight by more than the tolerance.
 */
public final class ReferenceRetrieval {

    /** Floor of a pattern's spread over the known pixels, as in the backends. */
    public static final double MIN_MASKED_SPREAD = 1e-3;
    /** Share of the attention the spread counts patterns up to. */
    public static final double SPREAD_MASS = 0.9;

    private final RetrievalSettings settings;
    private final int size;
    private final int dimension;
    private final double[][] keys;
    private final double[][] unitPixels;

    public ReferenceRetrieval(MemorySnapshot memory, RetrievalSettings settings) {
        this.settings = settings;
        this.size = memory.size();
        this.dimension = memory.patterns().get(0).pixels().length;
        this.keys = new double[size][];
        this.unitPixels = new double[size][];
        for (int j = 0; j < size; j++) {
            byte[] pixels = memory.patterns().get(j).pixels();
            unitPixels[j] = unit(pixels);
            keys[j] = normalize(pixels, settings.normalization());
        }
    }

    /** The outcome for one probe, with the reconstruction before rounding in pixel units. */
    public record Outcome(int retrievedIndex, double retrievedWeight, int attentionSpread, int iterations,
                          boolean converged, double[] readout) {
    }

    /** Retrieves one probe; mask is null or d bytes, 1 known and 0 missing. */
    public Outcome retrieve(byte[] probe, byte[] mask) {
        boolean masked = settings.maskAware() && mask != null;
        double[] query = normalize(probe, settings.normalization());
        double[] weights = null;
        int iterations = 0;
        boolean converged = false;
        int steps = masked ? 1 : settings.maxIterations();
        for (int step = 1; step <= steps; step++) {
            double[] scores = masked ? pearsonScores(probe, mask) : plainScores(query);
            double[] next = softmax(scores);
            iterations = step;
            if (weights != null && maxChange(weights, next) <= settings.tolerance()) {
                weights = next;
                converged = true;
                break;
            }
            weights = next;
            if (step < steps) {
                query = combine(keys, weights);
            }
        }
        if (masked) {
            converged = settings.maxIterations() >= 2;
        }
        int best = 0;
        for (int j = 1; j < size; j++) {
            if (weights[j] > weights[best]) {
                best = j;
            }
        }
        double[] readout = combine(unitPixels, weights);
        for (int c = 0; c < dimension; c++) {
            readout[c] *= 255.0;
        }
        return new Outcome(best, weights[best], spread(weights), iterations, converged, readout);
    }

    /** Returns the first step's scores of a probe against every stored pattern (beta included). */
    public double[] firstStepScores(byte[] probe, byte[] mask) {
        boolean masked = settings.maskAware() && mask != null;
        return masked ? pearsonScores(probe, mask) : plainScores(normalize(probe, settings.normalization()));
    }

    private double[] plainScores(double[] query) {
        double[] scores = new double[size];
        for (int j = 0; j < size; j++) {
            scores[j] = settings.beta() * dot(keys[j], query);
        }
        return scores;
    }

    private double[] pearsonScores(byte[] probe, byte[] mask) {
        int known = 0;
        double sum = 0;
        for (int c = 0; c < dimension; c++) {
            if (mask[c] != 0) {
                known++;
                sum += (probe[c] & 0xff) / 255.0;
            }
        }
        double mean = known == 0 ? 0 : sum / known;
        double[] centred = new double[dimension];
        double varianceQ = 0;
        for (int c = 0; c < dimension; c++) {
            if (mask[c] != 0) {
                centred[c] = (probe[c] & 0xff) / 255.0 - mean;
                varianceQ += centred[c] * centred[c];
            }
        }
        double factor = varianceQ >= MIN_MASKED_SPREAD ? settings.beta() / Math.sqrt(varianceQ) : 0.0;
        double[] scores = new double[size];
        for (int j = 0; j < size; j++) {
            double sy = 0;
            double syy = 0;
            double cov = 0;
            for (int c = 0; c < dimension; c++) {
                if (mask[c] != 0) {
                    double y = unitPixels[j][c];
                    sy += y;
                    syy += y * y;
                    cov += centred[c] * y;
                }
            }
            double varianceY = known == 0 ? 0 : syy - sy * sy / known;
            scores[j] = cov / Math.sqrt(Math.max(varianceY, MIN_MASKED_SPREAD)) * factor;
        }
        return scores;
    }

    private static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        double[] weights = new double[scores.length];
        for (int j = 0; j < scores.length; j++) {
            weights[j] = Math.exp(scores[j] - max);
            sum += weights[j];
        }
        for (int j = 0; j < scores.length; j++) {
            weights[j] /= sum;
        }
        return weights;
    }

    private double[] combine(double[][] rows, double[] weights) {
        double[] out = new double[dimension];
        for (int j = 0; j < size; j++) {
            double w = weights[j];
            if (w == 0) {
                continue;
            }
            double[] row = rows[j];
            for (int c = 0; c < dimension; c++) {
                out[c] += w * row[c];
            }
        }
        return out;
    }

    /** Returns the smallest number of weights whose sum reaches {@link #SPREAD_MASS}. */
    public static int spread(double[] weights) {
        double[] sorted = weights.clone();
        Arrays.sort(sorted);
        double cumulative = 0;
        for (int k = 1; k <= sorted.length; k++) {
            cumulative += sorted[sorted.length - k];
            if (cumulative >= SPREAD_MASS) {
                return k;
            }
        }
        return sorted.length;
    }

    private static double maxChange(double[] a, double[] b) {
        double change = 0;
        for (int j = 0; j < a.length; j++) {
            change = Math.max(change, Math.abs(a[j] - b[j]));
        }
        return change;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int c = 0; c < a.length; c++) {
            sum += a[c] * b[c];
        }
        return sum;
    }

    private static double[] unit(byte[] pixels) {
        double[] values = new double[pixels.length];
        for (int c = 0; c < pixels.length; c++) {
            values[c] = (pixels[c] & 0xff) / 255.0;
        }
        return values;
    }

    /** Scales pixels to 0..1, then centres and scales them to unit length as normalization selects; a zero vector stays zero. */
    public static double[] normalize(byte[] pixels, Normalization normalization) {
        double[] values = unit(pixels);
        boolean center = normalization == Normalization.CENTER || normalization == Normalization.CENTER_UNIT;
        boolean scale = normalization == Normalization.UNIT || normalization == Normalization.CENTER_UNIT;
        if (center) {
            double mean = 0;
            for (double v : values) {
                mean += v;
            }
            mean /= values.length;
            for (int c = 0; c < values.length; c++) {
                values[c] -= mean;
            }
        }
        if (scale) {
            double length = Math.sqrt(dot(values, values));
            for (int c = 0; c < values.length; c++) {
                values[c] = length > 0 ? values[c] / length : 0.0;
            }
        }
        return values;
    }
}
