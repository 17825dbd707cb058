package io.hopfieldstream.retriever.retrieval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float32 matrices that {@link HopfieldKernel} retrieves from, one stored pattern a row.
 *
 * <ul>
 *   <li>keys K (N x d): the patterns as the plain update sees them; scores are {@code beta * q . k}
 *       and the next state is the attention-weighted sum of keys;</li>
 *   <li>values V (N x dv): what a result reads out, the attention-weighted sum of values;</li>
 *   <li>mask keys Y (N x d, optional): the patterns for mask-aware scores (a Pearson correlation, so any
 *       shift and scale of Y gives the same scores); their squares are computed on first use.</li>
 * </ul>
 *
 * Values and mask keys may be the same array. Owned by one thread, like the kernel.
 */
final class KernelMemory implements AutoCloseable {

    private final INDArray keys;
    private final INDArray values;
    private final INDArray maskKeys;
    private INDArray squaredMaskKeys;

    /**
     * Takes ownership of the arrays, which {@link #close} releases.
     *
     * @param keys N x d float32, C order
     * @param values N x dv float32, C order
     * @param maskKeys N x d float32, C order, or null when this memory serves no mask-aware probe
     */
    KernelMemory(INDArray keys, INDArray values, INDArray maskKeys) {
        requireMatrix("keys", keys);
        requireMatrix("values", values);
        if (values.rows() != keys.rows()) {
            throw new IllegalArgumentException("Memory has " + keys.rows() + " key rows but " + values.rows()
                    + " value rows");
        }
        if (maskKeys != null) {
            requireMatrix("mask keys", maskKeys);
            if (maskKeys.rows() != keys.rows() || maskKeys.columns() != keys.columns()) {
                throw new IllegalArgumentException("Mask keys are " + maskKeys.rows() + " x " + maskKeys.columns()
                        + " but keys are " + keys.rows() + " x " + keys.columns());
            }
        }
        this.keys = keys;
        this.values = values;
        this.maskKeys = maskKeys;
    }

    /** Copies Java matrices into a memory; for tests and small memories. */
    static KernelMemory of(float[][] keys, float[][] values, float[][] maskKeys) {
        return new KernelMemory(toArray(keys), toArray(values), maskKeys == null ? null : toArray(maskKeys));
    }

    /** Returns the number of stored patterns N. */
    int size() {
        return keys.rows();
    }

    /** Returns the key dimension d. */
    int dimension() {
        return keys.columns();
    }

    /** Returns the value dimension dv. */
    int valueDimension() {
        return values.columns();
    }

    boolean hasMaskKeys() {
        return maskKeys != null;
    }

    /** Returns rows {@code start .. start + length} of K as a view. */
    INDArray keyRows(int start, int length) {
        return rows(keys, start, length);
    }

    INDArray valueRows(int start, int length) {
        return rows(values, start, length);
    }

    INDArray maskKeyRows(int start, int length) {
        return rows(maskKeys, start, length);
    }

    /** Returns rows of the element-wise squared mask keys, computing the whole square on first use. */
    INDArray squaredMaskKeyRows(int start, int length) {
        if (squaredMaskKeys == null) {
            squaredMaskKeys = maskKeys.mul(maskKeys);
        }
        return rows(squaredMaskKeys, start, length);
    }

    @Override
    public void close() {
        keys.close();
        if (values != keys) {
            values.close();
        }
        if (maskKeys != null && maskKeys != values && maskKeys != keys) {
            maskKeys.close();
        }
        if (squaredMaskKeys != null) {
            squaredMaskKeys.close();
        }
    }

    private static INDArray rows(INDArray matrix, int start, int length) {
        return Workspace.rows(matrix, start, length);
    }

    private static INDArray toArray(float[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("A memory needs at least one row to know its dimension");
        }
        INDArray array = Nd4j.create(DataType.FLOAT, rows.length, rows[0].length);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("Row " + i + " has " + rows[i].length + " columns, row 0 has "
                        + rows[0].length);
            }
            array.data().asNioFloat().put(i * rows[0].length, rows[i]);
        }
        return array;
    }

    private static void requireMatrix(String name, INDArray array) {
        if (array.rank() != 2 || array.dataType() != DataType.FLOAT || array.ordering() != 'c' || array.isView()) {
            throw new IllegalArgumentException("Memory " + name
                    + " must be a float32 C-order matrix that owns its data, was " + array.shapeInfoToString());
        }
    }
}
