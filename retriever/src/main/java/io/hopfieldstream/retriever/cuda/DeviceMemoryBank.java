package io.hopfieldstream.retriever.cuda;

import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.StoredPattern;
import io.hopfieldstream.retriever.retrieval.Normalization;
import org.bytedeco.cuda.cudart.CUstream_st;

/**
 * One memory snapshot resident on the GPU, N stored patterns of d pixels:
 *
 * <ul>
 *   <li>keys (N x d float32): the normalised patterns that plain scores and the update use;</li>
 *   <li>unit pixels (N x d float32): pixel / 255, what reconstructions read out and what masked
 *       (Pearson) scores compare with;</li>
 *   <li>squared unit pixels, built on the first masked batch;</li>
 *   <li>bfloat16 copies of each, for {@link GemmPrecision#BF16} products.</li>
 * </ul>
 *
 * Built from the snapshot's raw pixels by the kernels; rebuilt when the snapshot version changes.
 */
final class DeviceMemoryBank implements AutoCloseable {

    private final long version;
    private final int size;
    private final int dimension;
    private final boolean bfloat16;
    private final DeviceBuffer keys;
    private final DeviceBuffer keysBf16;
    private final DeviceBuffer unitPixels;
    private final DeviceBuffer unitPixelsBf16;
    private DeviceBuffer squaredUnitPixels;
    private DeviceBuffer squaredUnitPixelsBf16;

    private DeviceMemoryBank(long version, int size, int dimension, boolean bfloat16, DeviceBuffer keys,
                             DeviceBuffer keysBf16, DeviceBuffer unitPixels, DeviceBuffer unitPixelsBf16) {
        this.version = version;
        this.size = size;
        this.dimension = dimension;
        this.bfloat16 = bfloat16;
        this.keys = keys;
        this.keysBf16 = keysBf16;
        this.unitPixels = unitPixels;
        this.unitPixelsBf16 = unitPixelsBf16;
    }

    /**
     * Uploads the snapshot's pixels and prepares the matrices on stream; returns once they are ready.
     *
     * @throws IllegalArgumentException when the memory is empty or its patterns differ in length
     */
    static DeviceMemoryBank upload(MemorySnapshot memory, Normalization normalization, GemmPrecision precision,
                                   RetrievalKernels kernels, CUstream_st stream) {
        int size = memory.size();
        if (size == 0) {
            throw new IllegalArgumentException("an empty memory has nothing to upload");
        }
        int dimension = memory.patterns().get(0).pixels().length;
        long elements = (long) size * dimension;

        try (PinnedHostBuffer staging = new PinnedHostBuffer(elements);
             DeviceBuffer pixels = new DeviceBuffer(elements)) {
            var host = staging.bytePointer();
            for (int row = 0; row < size; row++) {
                StoredPattern pattern = memory.patterns().get(row);
                if (pattern.pixels().length != dimension) {
                    throw new IllegalArgumentException("stored pattern " + pattern.patternId() + " has "
                            + pattern.pixels().length + " pixels, pattern " + memory.patterns().get(0).patternId()
                            + " has " + dimension);
                }
                host.position((long) row * dimension).put(pattern.pixels());
            }
            host.position(0);
            CudaStatus.runtime(cudaMemcpyAsync(pixels.raw(), staging.raw(), elements, cudaMemcpyHostToDevice, stream),
                    "cudaMemcpyAsync(memory pixels)");

            boolean bfloat16 = precision == GemmPrecision.BF16;
            DeviceBuffer keys = new DeviceBuffer(elements * Float.BYTES);
            DeviceBuffer unitPixels = new DeviceBuffer(elements * Float.BYTES);
            kernels.normalizeRows(pixels.address(), size, dimension, normalizationMode(normalization),
                    keys.address(), stream);
            kernels.pixelsToFloat(pixels.address(), elements, 1.0f / 255.0f, unitPixels.address(), stream);
            DeviceBuffer keysBf16 = bfloat16 ? toBfloat16(keys, elements, kernels, stream) : null;
            DeviceBuffer unitPixelsBf16 = bfloat16 ? toBfloat16(unitPixels, elements, kernels, stream) : null;

            // The staging buffers are freed on return, so the copies and kernels must be done.
            CudaStatus.runtime(cudaStreamSynchronize(stream), "cudaStreamSynchronize(memory upload)");
            return new DeviceMemoryBank(memory.version(), size, dimension, bfloat16, keys, keysBf16, unitPixels,
                    unitPixelsBf16);
        }
    }

    /** Bit 1 centres each row, bit 2 scales it to unit length, as the kernel normalize_rows reads them. */
    static int normalizationMode(Normalization normalization) {
        return switch (normalization) {
            case NONE -> 0;
            case CENTER -> 1;
            case UNIT -> 2;
            case CENTER_UNIT -> 3;
        };
    }

    private static DeviceBuffer toBfloat16(DeviceBuffer source, long elements, RetrievalKernels kernels,
                                           CUstream_st stream) {
        DeviceBuffer copy = new DeviceBuffer(elements * Short.BYTES);
        kernels.toBfloat16(source.address(), elements, copy.address(), stream);
        return copy;
    }

    long version() {
        return version;
    }

    int size() {
        return size;
    }

    int dimension() {
        return dimension;
    }

    /** Bytes of GPU memory the bank holds now. */
    long deviceBytes() {
        long total = keys.bytes() + unitPixels.bytes();
        for (DeviceBuffer buffer : new DeviceBuffer[] {keysBf16, unitPixelsBf16, squaredUnitPixels,
                squaredUnitPixelsBf16}) {
            total += buffer == null ? 0 : buffer.bytes();
        }
        return total;
    }

    CublasProducts.Operand keys() {
        return operand(keys, keysBf16);
    }

    CublasProducts.Operand unitPixels() {
        return operand(unitPixels, unitPixelsBf16);
    }

    /** The squared unit pixels, computed on stream at the first call. */
    CublasProducts.Operand squaredUnitPixels(RetrievalKernels kernels, CUstream_st stream) {
        if (squaredUnitPixels == null) {
            long elements = (long) size * dimension;
            squaredUnitPixels = new DeviceBuffer(elements * Float.BYTES);
            kernels.squareElements(unitPixels.address(), elements, squaredUnitPixels.address(), stream);
            if (bfloat16) {
                squaredUnitPixelsBf16 = toBfloat16(squaredUnitPixels, elements, kernels, stream);
            }
        }
        return operand(squaredUnitPixels, squaredUnitPixelsBf16);
    }

    private static CublasProducts.Operand operand(DeviceBuffer floats, DeviceBuffer bfloat16) {
        return new CublasProducts.Operand(floats.address(), bfloat16 == null ? 0L : bfloat16.address());
    }

    @Override
    public void close() {
        for (DeviceBuffer buffer : new DeviceBuffer[] {keys, keysBf16, unitPixels, unitPixelsBf16,
                squaredUnitPixels, squaredUnitPixelsBf16}) {
            if (buffer != null) {
                buffer.close();
            }
        }
    }
}
