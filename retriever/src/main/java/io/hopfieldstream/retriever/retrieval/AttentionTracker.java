package io.hopfieldstream.retriever.retrieval;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Per-row bookkeeping of one streaming softmax pass over the chunks of a memory.
 *
 * <p>For each row it keeps the running maximum score m, the running sum l of {@code exp(s - m)}, the
 * arg-max and the largest unnormalised weights {@code exp(s - m)} seen so far (the candidates, those
 * above {@link #CANDIDATE_FLOOR} of the maximum), all rescaled by {@code exp(m_old - m_new)} whenever m
 * grows. Up to {@code 2 x capacity} candidates a row are kept; when that fills up, only the largest
 * {@code capacity} stay. The candidates are always the largest weights of the row, so the attention
 * spread computed from them is exact whenever they hold at least {@link #SPREAD_MASS} of l. When they
 * do not (a very flat attention over more than {@code capacity} patterns), {@link #spread} returns
 * {@link #UNKNOWN} and the kernel recomputes that row's weights.
 */
final class AttentionTracker {

    /** Share of the attention that the spread counts patterns up to. */
    static final double SPREAD_MASS = 0.9;

    /** Spread result when the kept candidates cannot decide it. */
    static final int UNKNOWN = -1;

    /**
     * Weights at or below this share of the row's running maximum are summed but not kept as
     * candidates. Even 50,000 of them hold less than 0.05 of the sum, so the candidates still decide
     * the spread. When they do not, {@link #spread} returns {@link #UNKNOWN}, as for trimmed rows.
     */
    static final float CANDIDATE_FLOOR = 1e-6f;

    private final int capacity;
    private final float[] runningMax;
    private final double[] sum;
    private final float[] bestScore;
    private final int[] bestIndex;
    private final float[][] candidates;
    private final int[] candidateCount;
    private final float[] cutoff;
    private final boolean[] truncated;
    private final float[] scales;
    private final float[] rowBuffer;
    private int rows;

    /**
     * @param maxRows most rows of one pass
     * @param capacity candidates a row keeps after trimming, and the longest chunk
     */
    AttentionTracker(int maxRows, int capacity) {
        this.capacity = capacity;
        this.runningMax = new float[maxRows];
        this.sum = new double[maxRows];
        this.bestScore = new float[maxRows];
        this.bestIndex = new int[maxRows];
        this.candidates = new float[maxRows][];
        this.candidateCount = new int[maxRows];
        this.cutoff = new float[maxRows];
        this.truncated = new boolean[maxRows];
        this.scales = new float[maxRows];
        this.rowBuffer = new float[capacity];
    }

    int maxRows() {
        return runningMax.length;
    }

    int capacity() {
        return capacity;
    }

    /** Starts a pass over {@code rows} rows. */
    void reset(int rows) {
        this.rows = rows;
        Arrays.fill(runningMax, 0, rows, Float.NEGATIVE_INFINITY);
        Arrays.fill(sum, 0, rows, 0.0);
        Arrays.fill(bestScore, 0, rows, Float.NEGATIVE_INFINITY);
        Arrays.fill(bestIndex, 0, rows, -1);
        Arrays.fill(candidateCount, 0, rows, 0);
        Arrays.fill(cutoff, 0, rows, CANDIDATE_FLOOR);
        Arrays.fill(truncated, 0, rows, true);
    }

    /**
     * Merges the next chunk's raw scores, stored row after row from index 0 of {@code scores}: updates
     * each row's running maximum and arg-max (the first column on ties), rescales the running sum and
     * the candidates of each row whose maximum grew, and shifts the chunk's scores in place by the new
     * running maximum, {@code s - m}, ready for the exponential.
     *
     * <p>The shift happens here, on the row already copied for the maximum, in place of ND4J's broadcast
     * column subtraction, which made one more single-threaded pass over the scores.
     *
     * @param chunkStart index of the chunk's first pattern
     * @return whether any row's maximum grew after it had seen a finite score, so the accumulated
     *     products need rescaling by {@link #scales()}
     */
    boolean mergeAndShiftChunkScores(FloatBuffer scores, int columns, int chunkStart) {
        boolean rescale = false;
        for (int row = 0; row < rows; row++) {
            rescale |= mergeAndShiftRow(scores, row, columns, chunkStart);
        }
        return rescale;
    }

    /** Merges and shifts one row; returns whether its accumulated products need rescaling. */
    private boolean mergeAndShiftRow(FloatBuffer scores, int row, int columns, int chunkStart) {
        scores.get(row * columns, rowBuffer, 0, columns);
        float chunkBest = rowBuffer[0];
        for (int column = 1; column < columns; column++) {
            float score = rowBuffer[column];
            chunkBest = score > chunkBest ? score : chunkBest;
        }
        if (chunkBest > bestScore[row]) {
            bestScore[row] = chunkBest;
            bestIndex[row] = chunkStart + firstIndexOf(chunkBest, columns);
        }

        float previous = runningMax[row];
        boolean rescale = false;
        if (chunkBest <= previous) {
            scales[row] = 1f;
        } else {
            runningMax[row] = chunkBest;
            float scale = previous == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp((double) previous - chunkBest);
            scales[row] = scale;
            if (previous != Float.NEGATIVE_INFINITY) {
                rescale = true;
                rescaleRow(row, scale);
            }
        }

        float shift = runningMax[row];
        for (int column = 0; column < columns; column++) {
            rowBuffer[column] -= shift;
        }
        scores.put(row * columns, rowBuffer, 0, columns);
        return rescale;
    }

    /** Returns the factor each row's accumulated products must be multiplied by after the last merge. */
    float[] scales() {
        return scales;
    }

    /** Returns the running maximum of each row, the value the chunk's scores must be shifted by. */
    float[] runningMax() {
        return runningMax;
    }

    /**
     * Adds a chunk's unnormalised weights {@code p = exp(s - m)}, stored row after row from index 0
     * of {@code weights}, to the running sums (in double precision) and the candidates.
     */
    void addChunkWeights(FloatBuffer weights, int columns) {
        for (int row = 0; row < rows; row++) {
            weights.get(row * columns, rowBuffer, 0, columns);
            collectCandidates(row, columns);
        }
    }

    /** Returns the running sum l of a row, the softmax denominator once the pass is complete. */
    double sum(int row) {
        return sum[row];
    }

    int bestIndex(int row) {
        return bestIndex[row];
    }

    /** Returns the attention weight of the arg-max pattern, {@code exp(best - m) / l}. */
    double bestWeight(int row) {
        return Math.exp((double) bestScore[row] - runningMax[row]) / sum[row];
    }

    /**
     * Returns the smallest number of patterns whose weights sum to at least {@link #SPREAD_MASS}, or
     * {@link #UNKNOWN} when the kept candidates hold less than that share.
     */
    int spread(int row) {
        double target = SPREAD_MASS * sum[row];
        if (Math.exp((double) bestScore[row] - runningMax[row]) >= target) {
            return 1;
        }
        float[] kept = candidates[row];
        int count = candidateCount[row];
        if (truncated[row]) {
            double keptMass = 0;
            for (int i = 0; i < count; i++) {
                keptMass += kept[i];
            }
            if (keptMass < target) {
                return UNKNOWN;
            }
        }
        return countLargestToReach(kept, count, target);
    }

    /** Copies the statistics that a later pass needs for normalising this pass's weights again. */
    void copyNormalisers(float[] maxTarget, double[] sumTarget) {
        System.arraycopy(runningMax, 0, maxTarget, 0, rows);
        System.arraycopy(sum, 0, sumTarget, 0, rows);
    }

    /**
     * Returns the smallest k such that the k largest of {@code values[0 .. count)} sum to at least
     * {@code target}, or {@code count} when all of them do not. Reorders the values; expected linear
     * time (a quickselect that sums the larger side of each partition).
     */
    static int countLargestToReach(float[] values, int count, double target) {
        int low = 0;
        int high = count;
        int taken = 0;
        double needed = target;
        while (high - low > 0) {
            if (needed <= 0) {
                return taken;
            }
            float pivot = medianOfThree(values[low], values[(low + high) >>> 1], values[high - 1]);

            // Three-way partition of [low, high): larger than pivot | equal | smaller.
            int larger = low;
            int index = low;
            int smaller = high;
            double largerMass = 0;
            while (index < smaller) {
                float value = values[index];
                if (value > pivot) {
                    largerMass += value;
                    values[index] = values[larger];
                    values[larger] = value;
                    larger++;
                    index++;
                } else if (value < pivot) {
                    smaller--;
                    values[index] = values[smaller];
                    values[smaller] = value;
                } else {
                    index++;
                }
            }

            if (largerMass >= needed) {
                high = larger;
                continue;
            }
            taken += larger - low;
            needed -= largerMass;

            int equalCount = smaller - larger;
            for (int i = 0; i < equalCount; i++) {
                if (needed <= 0) {
                    return taken;
                }
                taken++;
                needed -= pivot;
            }
            low = smaller;
        }
        return taken;
    }

    private int firstIndexOf(float value, int columns) {
        for (int column = 0; column < columns; column++) {
            if (rowBuffer[column] == value) {
                return column;
            }
        }
        throw new IllegalStateException("The chunk maximum " + value + " is not in its row");
    }

    private void collectCandidates(int row, int columns) {
        float[] kept = candidates[row];
        if (kept == null) {
            kept = new float[Math.min(2 * capacity, Math.max(columns, 16))];
            candidates[row] = kept;
        }
        int count = candidateCount[row];
        float threshold = cutoff[row];
        for (int column = 0; column < columns; column++) {
            float weight = rowBuffer[column];
            if (weight > threshold) {
                if (count == kept.length) {
                    if (kept.length < 2 * capacity) {
                        kept = Arrays.copyOf(kept, Math.min(2 * capacity, 2 * kept.length));
                        candidates[row] = kept;
                    } else {
                        threshold = keepLargest(kept, count, capacity);
                        count = capacity;
                        cutoff[row] = threshold;
                        truncated[row] = true;
                        if (weight <= threshold) {
                            continue;
                        }
                    }
                }
                kept[count++] = weight;
            }
        }
        candidateCount[row] = count;
        sum[row] += FloatSums.sum(rowBuffer, columns);
    }

    /**
     * Rescales a row's sum and candidates to a grown maximum, drops the candidates that fall to the floor
     * and keeps the cutoff at or above it. A cutoff scaled below the floor would keep every later weight.
     */
    private void rescaleRow(int row, float scale) {
        sum[row] *= scale;
        float[] kept = candidates[row];
        int count = candidateCount[row];
        int remaining = 0;
        for (int i = 0; i < count; i++) {
            float weight = kept[i] * scale;
            if (weight > CANDIDATE_FLOOR) {
                kept[remaining++] = weight;
            }
        }
        candidateCount[row] = remaining;
        cutoff[row] = Math.max(cutoff[row] * scale, CANDIDATE_FLOOR);
    }

    /**
     * Moves the {@code keep} largest of {@code values[0 .. count)} to the front and returns the smallest
     * of them (quickselect).
     */
    static float keepLargest(float[] values, int count, int keep) {
        int low = 0;
        int high = count;
        int target = keep - 1;
        while (true) {
            float pivot = medianOfThree(values[low], values[(low + high) >>> 1], values[high - 1]);
            int larger = low;
            int index = low;
            int smaller = high;
            while (index < smaller) {
                float value = values[index];
                if (value > pivot) {
                    values[index] = values[larger];
                    values[larger] = value;
                    larger++;
                    index++;
                } else if (value < pivot) {
                    smaller--;
                    values[index] = values[smaller];
                    values[smaller] = value;
                } else {
                    index++;
                }
            }
            if (target < larger) {
                high = larger;
            } else if (target < smaller) {
                return pivot;
            } else {
                low = smaller;
            }
        }
    }

    private static float medianOfThree(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
