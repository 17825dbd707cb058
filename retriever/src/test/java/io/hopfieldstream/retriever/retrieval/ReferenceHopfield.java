package io.hopfieldstream.retriever.retrieval;

import java.util.Arrays;

/**
 * A plain double-precision implementation of the update that the kernel tests compare against:
 * full B x N weight matrices, no chunks, no tricks beyond subtracting the row maximum.
 */
final class ReferenceHopfield {

    private ReferenceHopfield() {
    }

    /** Returns the softmax of {@code beta * q . k} over the rows of {@code keys}. */
    static double[] weights(double[] probe, double[][] keys, double beta) {
        double[] scores = new double[keys.length];
        for (int j = 0; j < keys.length; j++) {
            scores[j] = beta * dot(probe, keys[j]);
        }
        return softmax(scores);
    }

    /** Returns the softmax of {@code beta} times the Pearson correlation over the known pixels. */
    static double[] maskedWeights(double[] probe, byte[] known, double[][] maskKeys, double beta) {
        double[] scores = new double[maskKeys.length];
        for (int j = 0; j < maskKeys.length; j++) {
            scores[j] = beta * maskedPearson(probe, maskKeys[j], known);
        }
        return softmax(scores);
    }

    /** Pearson correlation of two vectors over the positions where {@code known} is 1. */
    static double maskedPearson(double[] a, double[] b, byte[] known) {
        int count = 0;
        double sumA = 0;
        double sumB = 0;
        for (int i = 0; i < a.length; i++) {
            if (known == null || known[i] == 1) {
                count++;
                sumA += a[i];
                sumB += b[i];
            }
        }
        double meanA = sumA / count;
        double meanB = sumB / count;
        double covariance = 0;
        double varianceA = 0;
        double varianceB = 0;
        for (int i = 0; i < a.length; i++) {
            if (known == null || known[i] == 1) {
                covariance += (a[i] - meanA) * (b[i] - meanB);
                varianceA += (a[i] - meanA) * (a[i] - meanA);
                varianceB += (b[i] - meanB) * (b[i] - meanB);
            }
        }
        return covariance / Math.sqrt(varianceA * varianceB);
    }

    static double[] softmax(double[] scores) {
        double max = Arrays.stream(scores).max().orElseThrow();
        double[] weights = new double[scores.length];
        double sum = 0;
        for (int j = 0; j < scores.length; j++) {
            weights[j] = Math.exp(scores[j] - max);
            sum += weights[j];
        }
        for (int j = 0; j < scores.length; j++) {
            weights[j] /= sum;
        }
        return weights;
    }

    /** Returns {@code weights^T rows}, the attention-weighted sum of the rows. */
    static double[] weightedSum(double[] weights, double[][] rows) {
        double[] sum = new double[rows[0].length];
        for (int j = 0; j < rows.length; j++) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += weights[j] * rows[j][i];
            }
        }
        return sum;
    }

    /** Returns the smallest number of weights that sum to at least {@code mass}. */
    static int spread(double[] weights, double mass) {
        double[] sorted = weights.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (int k = 1; k <= sorted.length; k++) {
            sum += sorted[sorted.length - k];
            if (sum >= mass) {
                return k;
            }
        }
        return sorted.length;
    }

    static int argMax(double[] values) {
        int best = 0;
        for (int j = 1; j < values.length; j++) {
            if (values[j] > values[best]) {
                best = j;
            }
        }
        return best;
    }

    /** Hopfield energy {@code -lse(beta, X xi) + 0.5 xi . xi}, with {@code lse = log(sum exp(beta z)) / beta}. */
    static double energy(double[] state, double[][] keys, double beta) {
        double[] scores = new double[keys.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < keys.length; j++) {
            scores[j] = beta * dot(state, keys[j]);
            max = Math.max(max, scores[j]);
        }
        double sum = 0;
        for (double score : scores) {
            sum += Math.exp(score - max);
        }
        double logSumExp = (max + Math.log(sum)) / beta;
        return -logSumExp + 0.5 * dot(state, state);
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double[] toDouble(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    static double[][] toDouble(float[][] rows) {
        return Arrays.stream(rows).map(ReferenceHopfield::toDouble).toArray(double[][]::new);
    }

    /** Returns {@code |a - b| / |b|} in the Euclidean norm. */
    static double relativeError(float[] actual, double[] expected) {
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            difference += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        return Math.sqrt(difference / norm);
    }
}
