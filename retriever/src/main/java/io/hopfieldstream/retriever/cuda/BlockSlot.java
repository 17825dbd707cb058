package io.hopfieldstream.retriever.cuda;

import static org.bytedeco.cuda.global.cudart.cudaEventCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaEventDestroy;
import static org.bytedeco.cuda.global.cudart.cudaEventDisableTiming;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.cudart.CUevent_st;

/**
 * GPU and pinned host buffers for one block of probe rows: the probes going up, the scores and
 * weights of the update, and the results coming down. The backend keeps two slots, so the copies
 * of one block overlap the computation of the other.
 *
 * <p>Per-row results live in one device array of {@link #ROW_FIELDS} ints per row, field-major
 * (all done flags, then all arg-max indices, and so on), plus one counter, so a single copy brings
 * them down.
 */
final class BlockSlot implements AutoCloseable {

    static final int FIELD_DONE = 0;
    static final int FIELD_ARGMAX_INDEX = 1;
    static final int FIELD_ARGMAX_WEIGHT = 2;
    static final int FIELD_ITERATIONS = 3;
    static final int FIELD_CONVERGED = 4;
    static final int FIELD_CHANGE = 5;
    static final int FIELD_SPREAD = 6;
    static final int ROW_FIELDS = 7;

    final int rows;
    final int patterns;
    final int dimension;

    final PinnedHostBuffer hostPixels;
    final PinnedHostBuffer hostMasks;
    final PinnedHostBuffer hostReconstruction;
    final PinnedHostBuffer hostRowData;

    final DeviceBuffer pixels;
    final DeviceBuffer masks;
    final DeviceBuffer queries;
    final DeviceBuffer queriesBf16;
    final DeviceBuffer known;
    final DeviceBuffer knownBf16;
    final DeviceBuffer maskStats;
    final DeviceBuffer scores;
    final DeviceBuffer sums;
    final DeviceBuffer squareSums;
    final DeviceBuffer weights;
    final DeviceBuffer previousWeights;
    final DeviceBuffer weightsBf16;
    final DeviceBuffer readout;
    final DeviceBuffer reconstruction;
    final DeviceBuffer rowData;

    final CUevent_st uploaded = new CUevent_st();
    final CUevent_st computed = new CUevent_st();
    final CUevent_st downloaded = new CUevent_st();

    private final List<AutoCloseable> owned = new ArrayList<>();
    private PinnedHostBuffer hostReadout;

    /**
     * @param masked whether the slot serves mask-aware rows (three score products)
     * @param iterating whether more than one update step may run (keeps the previous weights)
     * @param bfloat16 whether products take bfloat16 copies of queries and weights
     */
    BlockSlot(int rows, int patterns, int dimension, boolean masked, boolean iterating, boolean bfloat16) {
        this.rows = rows;
        this.patterns = patterns;
        this.dimension = dimension;
        long pixelBytes = (long) rows * dimension;
        long scoreElements = (long) rows * patterns;
        long rowDataBytes = ((long) ROW_FIELDS * rows + 1) * Integer.BYTES;

        hostPixels = own(new PinnedHostBuffer(pixelBytes));
        hostMasks = masked ? own(new PinnedHostBuffer(pixelBytes)) : null;
        hostReconstruction = own(new PinnedHostBuffer(pixelBytes));
        hostRowData = own(new PinnedHostBuffer(rowDataBytes));

        pixels = own(new DeviceBuffer(pixelBytes));
        masks = masked ? own(new DeviceBuffer(pixelBytes)) : null;
        queries = own(new DeviceBuffer(pixelBytes * Float.BYTES));
        queriesBf16 = bfloat16 ? own(new DeviceBuffer(pixelBytes * Short.BYTES)) : null;
        known = masked ? own(new DeviceBuffer(pixelBytes * Float.BYTES)) : null;
        knownBf16 = masked && bfloat16 ? own(new DeviceBuffer(pixelBytes * Short.BYTES)) : null;
        maskStats = masked ? own(new DeviceBuffer(2L * rows * Float.BYTES)) : null;
        scores = own(new DeviceBuffer(scoreElements * Float.BYTES));
        sums = masked ? own(new DeviceBuffer(scoreElements * Float.BYTES)) : null;
        squareSums = masked ? own(new DeviceBuffer(scoreElements * Float.BYTES)) : null;
        weights = own(new DeviceBuffer(scoreElements * Float.BYTES));
        previousWeights = iterating ? own(new DeviceBuffer(scoreElements * Float.BYTES)) : null;
        weightsBf16 = bfloat16 ? own(new DeviceBuffer(scoreElements * Short.BYTES)) : null;
        readout = own(new DeviceBuffer(pixelBytes * Float.BYTES));
        reconstruction = own(new DeviceBuffer(pixelBytes));
        rowData = own(new DeviceBuffer(rowDataBytes));

        CudaStatus.runtime(cudaEventCreateWithFlags(uploaded, cudaEventDisableTiming), "cudaEventCreate");
        CudaStatus.runtime(cudaEventCreateWithFlags(computed, cudaEventDisableTiming), "cudaEventCreate");
        CudaStatus.runtime(cudaEventCreateWithFlags(downloaded, cudaEventDisableTiming), "cudaEventCreate");
    }

    /**
     * GPU bytes one probe row of a slot needs beyond its pixels: scores and weights, plus the
     * previous weights when iterating, plus two more score matrices when masked, plus bfloat16
     * weights.
     */
    static long scoreBytesPerRow(int patterns, boolean masked, boolean iterating, boolean bfloat16) {
        int matrices = 2 + (iterating ? 1 : 0) + (masked ? 2 : 0);
        return (long) patterns * (matrices * Float.BYTES + (bfloat16 ? Short.BYTES : 0));
    }

    boolean fits(int neededRows, int neededPatterns, int neededDimension, boolean masked, boolean iterating,
                 boolean bfloat16) {
        return neededRows <= rows && neededPatterns == patterns && neededDimension == dimension
                && (!masked || masks != null) && (!iterating || previousWeights != null)
                && (!bfloat16 || weightsBf16 != null);
    }

    /** Device address of field f of row r within {@link #rowData}. */
    long rowField(int field, int row) {
        return rowData.address(((long) field * rows + row) * Integer.BYTES);
    }

    /** Device address of the counter of rows still active after a step. */
    long stillActiveCounter() {
        return rowData.address((long) ROW_FIELDS * rows * Integer.BYTES);
    }

    RetrievalKernels.RowOutputs rowOutputs() {
        return new RetrievalKernels.RowOutputs(rowField(FIELD_DONE, 0), rowField(FIELD_ARGMAX_INDEX, 0),
                rowField(FIELD_ARGMAX_WEIGHT, 0), rowField(FIELD_ITERATIONS, 0), rowField(FIELD_CONVERGED, 0),
                rowField(FIELD_CHANGE, 0), stillActiveCounter());
    }

    /** Allocates the pinned buffer for unrounded reconstructions on first use. */
    void ensureHostReadout() {
        if (hostReadout == null) {
            hostReadout = own(new PinnedHostBuffer((long) rows * dimension * Float.BYTES));
        }
    }

    PinnedHostBuffer hostReadout() {
        return hostReadout;
    }

    private <T extends AutoCloseable> T own(T buffer) {
        owned.add(buffer);
        return buffer;
    }

    @Override
    public void close() {
        cudaEventDestroy(uploaded);
        cudaEventDestroy(computed);
        cudaEventDestroy(downloaded);
        for (AutoCloseable buffer : owned) {
            try {
                buffer.close();
            } catch (Exception e) {
                throw new IllegalStateException("failed to free a GPU buffer", e);
            }
        }
        owned.clear();
    }
}
