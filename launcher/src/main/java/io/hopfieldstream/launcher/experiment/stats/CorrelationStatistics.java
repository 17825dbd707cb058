package io.hopfieldstream.launcher.experiment.stats;

import io.hopfieldstream.launcher.experiment.sweep.RandomSubset;
import io.hopfieldstream.retriever.retrieval.Normalization;
import io.hopfieldstream.schemas.Topics;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Computes {@link MemoryStatistics} with float32 matrix products on ND4J.
 *
 * <p>The patterns used as rows (all N, or a random sample when N is larger than the exact limit) are
 * multiplied with the memory in column chunks, {@code G = R C^T}, so memory use stays at one chunk of
 * rows, one chunk of columns and their product, whatever N is. Each product's entries update the
 * running sum and maximum of each row over the other patterns. For N = 50,000 with 2,000 sampled rows
 * this is 2,000 x 50,000 x 3,072 multiply-adds.
 */
public final class CorrelationStatistics {

    /** Largest memory whose statistics use every pattern unless set otherwise. */
    public static final int DEFAULT_EXACT_LIMIT = 5_000;

    /** Patterns sampled from a larger memory unless set otherwise. */
    public static final int DEFAULT_SAMPLE_ROWS = 2_000;

    private static final int PIXELS = Topics.PIXELS_PER_IMAGE;
    private static final int ROW_CHUNK = 512;
    private static final int COLUMN_CHUNK = 4_096;

    private final int exactLimit;
    private final int sampleRows;

    /**
     * @param exactLimit largest N computed from every pattern, at least 2
     * @param sampleRows patterns sampled when N is larger, from 1 to exactLimit
     */
    public CorrelationStatistics(int exactLimit, int sampleRows) {
        if (exactLimit < 2) {
            throw new IllegalArgumentException("Invalid exact limit " + exactLimit + ": expected at least 2");
        }
        if (sampleRows < 1 || sampleRows > exactLimit) {
            throw new IllegalArgumentException("Invalid sample size " + sampleRows + ": expected 1.." + exactLimit);
        }
        this.exactLimit = exactLimit;
        this.sampleRows = sampleRows;
    }

    /** Returns statistics with the default exact limit and sample size. */
    public static CorrelationStatistics defaults() {
        return new CorrelationStatistics(DEFAULT_EXACT_LIMIT, DEFAULT_SAMPLE_ROWS);
    }

    /**
     * Computes the statistics of a memory.
     *
     * @param images the stored images, 3072 pixel values each
     * @param seed seed of the row sample, used only when N exceeds the exact limit
     * @throws IllegalArgumentException when an image does not have 3072 values
     */
    public MemoryStatistics compute(List<byte[]> images, long seed) {
        int size = images.size();
        for (int i = 0; i < size; i++) {
            if (images.get(i).length != PIXELS) {
                throw new IllegalArgumentException("Image " + i + " has " + images.get(i).length
                        + " pixel values, expected " + PIXELS);
            }
        }
        if (size < 2) {
            return new MemoryStatistics(size, size, true, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }

        boolean exact = size <= exactLimit;
        int[] rows = exact ? allIndices(size) : RandomSubset.ascending(size, sampleRows, seed);
        double[] sums = new double[rows.length];
        double[] maxima = new double[rows.length];
        Arrays.fill(maxima, Double.NEGATIVE_INFINITY);
        double[] selfProducts = new double[rows.length];

        List<INDArray> rowChunks = new ArrayList<>();
        try {
            for (int start = 0; start < rows.length; start += ROW_CHUNK) {
                int[] chunkRows = Arrays.copyOfRange(rows, start, Math.min(rows.length, start + ROW_CHUNK));
                rowChunks.add(matrix(images, chunkRows, selfProducts, start));
            }
            for (int columnStart = 0; columnStart < size; columnStart += COLUMN_CHUNK) {
                int columnEnd = Math.min(size, columnStart + COLUMN_CHUNK);
                accumulateColumns(images, rows, rowChunks, columnStart, columnEnd, sums, maxima);
            }
        } finally {
            rowChunks.forEach(INDArray::close);
        }

        double totalSum = 0;
        double maxCorrelation = Double.NEGATIVE_INFINITY;
        double minSeparation = Double.POSITIVE_INFINITY;
        double separationSum = 0;
        for (int r = 0; r < rows.length; r++) {
            totalSum += sums[r];
            maxCorrelation = Math.max(maxCorrelation, maxima[r]);
            double separation = selfProducts[r] - maxima[r];
            minSeparation = Math.min(minSeparation, separation);
            separationSum += separation;
        }
        double meanCorrelation = totalSum / ((double) rows.length * (size - 1));
        return new MemoryStatistics(size, rows.length, exact, meanCorrelation, maxCorrelation, minSeparation,
                separationSum / rows.length);
    }

    private static void accumulateColumns(List<byte[]> images, int[] rows, List<INDArray> rowChunks, int columnStart,
            int columnEnd, double[] sums, double[] maxima) {
        int columns = columnEnd - columnStart;
        int[] columnIndices = new int[columns];
        for (int c = 0; c < columns; c++) {
            columnIndices[c] = columnStart + c;
        }

        try (INDArray columnMatrix = matrix(images, columnIndices, null, 0)) {
            int rowOffset = 0;
            for (INDArray rowMatrix : rowChunks) {
                int chunkRows = (int) rowMatrix.rows();
                try (INDArray products = Nd4j.create(DataType.FLOAT, chunkRows, columns)) {
                    Nd4j.gemm(rowMatrix, columnMatrix, products, false, true, 1.0, 0.0);
                    float[] values = products.data().asFloat();
                    for (int r = 0; r < chunkRows; r++) {
                        int pattern = rows[rowOffset + r];
                        double sum = 0;
                        double max = maxima[rowOffset + r];
                        int base = r * columns;
                        for (int c = 0; c < columns; c++) {
                            if (columnStart + c == pattern) {
                                continue;
                            }
                            double value = values[base + c];
                            sum += value;
                            if (value > max) {
                                max = value;
                            }
                        }
                        sums[rowOffset + r] += sum;
                        maxima[rowOffset + r] = max;
                    }
                }
                rowOffset += chunkRows;
            }
        }
    }

    /**
     * Builds a float32 matrix of normalised patterns, one per listed index; when {@code selfProducts} is given,
     * stores each pattern's squared length there from {@code offset} on.
     */
    private static INDArray matrix(List<byte[]> images, int[] indices, double[] selfProducts, int offset) {
        INDArray matrix = Nd4j.create(DataType.FLOAT, indices.length, PIXELS);
        FloatBuffer data = matrix.data().asNioFloat();
        float[] row = new float[PIXELS];
        for (int r = 0; r < indices.length; r++) {
            normalize(images.get(indices[r]), row);
            data.put(r * PIXELS, row);
            if (selfProducts != null) {
                double squares = 0;
                for (float value : row) {
                    squares += (double) value * value;
                }
                selfProducts[offset + r] = squares;
            }
        }
        return matrix;
    }

    /** Scales pixels to 0..1, removes the mean and scales to unit length, as retrieval does by default. */
    static float[] normalize(byte[] pixels, float[] target) {
        for (int i = 0; i < PIXELS; i++) {
            target[i] = Byte.toUnsignedInt(pixels[i]) / 255f;
        }
        Normalization.CENTER_UNIT.applyInPlace(target);
        return target;
    }

    private static int[] allIndices(int size) {
        int[] indices = new int[size];
        for (int i = 0; i < size; i++) {
            indices[i] = i;
        }
        return indices;
    }
}
