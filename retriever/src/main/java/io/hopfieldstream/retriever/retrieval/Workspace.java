package io.hopfieldstream.retriever.retrieval;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Helpers for the kernel's preallocated float32 buffers, reshaped per chunk without copying.
 *
 * <p>Row ranges are built from the buffer, shape, strides and an absolute offset, never with
 * {@code INDArray.get(interval(...))}. In ND4J 1.0.0-M2.1 an interval on a view that itself starts past
 * row 0 can return an empty rank-0 array (for a view of rows 3..4 of a parent, {@code interval(1, 2)}
 * does), so slicing a slice silently loses the rows.
 */
final class Workspace {

    private Workspace() {
    }

    /** Allocates a flat buffer for up to {@code rows x columns} values. */
    static INDArray flat(int rows, int columns) {
        return Nd4j.create(DataType.FLOAT, (long) rows * columns);
    }

    /** Returns the first {@code rows x columns} values of a flat buffer as a C-order matrix view. */
    static INDArray view(INDArray flat, int rows, int columns) {
        if ((long) rows * columns > flat.length()) {
            throw new IllegalStateException("A " + rows + " x " + columns + " view does not fit a buffer of "
                    + flat.length() + " values");
        }
        return Nd4j.create(flat.data(), new long[] {rows, columns}, new long[] {columns, 1}, 0L, 'c',
                DataType.FLOAT);
    }

    /**
     * Returns rows {@code first .. first + count} of a C-order float32 matrix, itself a view or not, as a
     * view on the same buffer.
     */
    static INDArray rows(INDArray matrix, long first, long count) {
        if (matrix.rank() != 2 || matrix.ordering() != 'c' || matrix.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("Expected a float32 C-order matrix, got " + matrix.shapeInfoToString());
        }
        if (first < 0 || count < 1 || first + count > matrix.rows()) {
            throw new IndexOutOfBoundsException("Rows " + first + " .. " + (first + count) + " are outside a matrix of "
                    + matrix.rows() + " rows");
        }
        long[] stride = matrix.stride();
        return Nd4j.create(rootBuffer(matrix), new long[] {count, matrix.columns()},
                new long[] {stride[0], stride[1]}, matrix.offset() + first * stride[0], 'c', DataType.FLOAT);
    }

    /**
     * Returns entries {@code first .. first + count} of a float32 vector as a count x 1 column view. An
     * explicit column keeps ND4J's row-wise broadcast unambiguous when a chunk has a single column.
     */
    static INDArray column(INDArray vector, long first, long count) {
        if (vector.rank() != 1 || vector.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("Expected a rank-1 float32 vector, got " + vector.shapeInfoToString());
        }
        if (first < 0 || count < 1 || first + count > vector.length()) {
            throw new IndexOutOfBoundsException("Entries " + first + " .. " + (first + count)
                    + " are outside a vector of " + vector.length() + " values");
        }
        long step = vector.stride(0);
        return Nd4j.create(rootBuffer(vector), new long[] {count, 1}, new long[] {step, 1},
                vector.offset() + first * step, 'c', DataType.FLOAT);
    }

    /**
     * Returns the allocation an array's data lies in. In ND4J 1.0.0-M2.1 a view's own buffer is a
     * sub-buffer that starts at the view's offset, while {@link INDArray#offset()} counts from the start
     * of the allocation.
     */
    static DataBuffer rootBuffer(INDArray array) {
        DataBuffer buffer = array.data();
        while (buffer.underlyingDataBuffer() != null) {
            buffer = buffer.underlyingDataBuffer();
        }
        return buffer;
    }
}
