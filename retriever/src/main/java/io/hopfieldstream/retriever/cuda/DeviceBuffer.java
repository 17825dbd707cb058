package io.hopfieldstream.retriever.cuda;

import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * A block of GPU memory from {@code cudaMalloc}. The views it hands out carry device addresses
 * and must only be passed to CUDA calls, never dereferenced on the host.
 */
final class DeviceBuffer implements AutoCloseable {

    private final Pointer memory = new Pointer();
    private final long bytes;
    private boolean freed;

    DeviceBuffer(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("device buffer size must be > 0 bytes, was " + bytes);
        }
        CudaStatus.runtime(cudaMalloc(memory, bytes), "cudaMalloc(" + bytes + " bytes)");
        this.bytes = bytes;
    }

    long bytes() {
        return bytes;
    }

    long address() {
        return memory.address();
    }

    /** Device address of the byte at offset, for kernel arguments. */
    long address(long byteOffset) {
        return memory.address() + byteOffset;
    }

    Pointer raw() {
        return memory;
    }

    FloatPointer floats() {
        return new FloatPointer(memory);
    }

    /** A float view starting at element offset (4-byte elements). */
    FloatPointer floats(long elementOffset) {
        return new FloatPointer(memory).position(elementOffset);
    }

    ShortPointer shorts() {
        return new ShortPointer(memory);
    }

    IntPointer ints() {
        return new IntPointer(memory);
    }

    BytePointer bytePointer() {
        return new BytePointer(memory);
    }

    @Override
    public void close() {
        if (!freed) {
            freed = true;
            cudaFree(memory);
        }
    }
}
