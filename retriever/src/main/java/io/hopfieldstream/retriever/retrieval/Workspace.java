package io.hopfieldstream.retriever.retrieval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers for the kernel's preallocated float32 buffers, reshaped per chunk without copying. */
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
}
