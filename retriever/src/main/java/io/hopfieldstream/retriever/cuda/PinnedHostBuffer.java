package io.hopfieldstream.retriever.cuda;

import static org.bytedeco.cuda.global.cudart.cudaFreeHost;
import static org.bytedeco.cuda.global.cudart.cudaMallocHost;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Page-locked host memory from {@code cudaMallocHost}, so copies to and from the GPU run
 * asynchronously on a stream and at full bus speed.
 */
final class PinnedHostBuffer implements AutoCloseable {

    private final Pointer memory = new Pointer();
    private final long bytes;
    private boolean freed;

    PinnedHostBuffer(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("pinned buffer size must be > 0 bytes, was " + bytes);
        }
        CudaStatus.runtime(cudaMallocHost(memory, bytes), "cudaMallocHost(" + bytes + " bytes)");
        this.bytes = bytes;
    }

    long bytes() {
        return bytes;
    }

    Pointer raw() {
        return memory;
    }

    BytePointer bytePointer() {
        return new BytePointer(memory).capacity(bytes);
    }

    FloatPointer floats() {
        return new FloatPointer(memory).capacity(bytes / Float.BYTES);
    }

    IntPointer ints() {
        return new IntPointer(memory).capacity(bytes / Integer.BYTES);
    }

    @Override
    public void close() {
        if (!freed) {
            freed = true;
            cudaFreeHost(memory);
        }
    }
}
