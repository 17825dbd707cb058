package io.hopfieldstream.retriever.cuda;

import static org.bytedeco.cuda.global.cublas.CUBLAS_STATUS_SUCCESS;
import static org.bytedeco.cuda.global.cublas.cublasGetStatusString;
import static org.bytedeco.cuda.global.cudart.CUDA_SUCCESS;
import static org.bytedeco.cuda.global.cudart.cuGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaSuccess;
import static org.bytedeco.cuda.global.nvrtc.NVRTC_SUCCESS;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetErrorString;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Turns the status codes of the CUDA runtime, the driver API, cuBLAS and NVRTC into
 * {@link CudaException}s that name the failed call and the library's own description.
 */
final class CudaStatus {

    private CudaStatus() {
    }

    static void runtime(int status, String call) {
        if (status != cudaSuccess) {
            throw new CudaException(call, status, text(cudaGetErrorString(status)));
        }
    }

    static void driver(int status, String call) {
        if (status != CUDA_SUCCESS) {
            try (PointerPointer<BytePointer> message = new PointerPointer<>(1)) {
                String detail = cuGetErrorString(status, message) == CUDA_SUCCESS && message.get(0) != null
                        ? message.getString(0)
                        : "unknown driver error";
                throw new CudaException(call, status, detail);
            }
        }
    }

    static void cublas(int status, String call) {
        if (status != CUBLAS_STATUS_SUCCESS) {
            throw new CudaException(call, status, text(cublasGetStatusString(status)));
        }
    }

    static void nvrtc(int status, String call) {
        if (status != NVRTC_SUCCESS) {
            throw new CudaException(call, status, text(nvrtcGetErrorString(status)));
        }
    }

    private static String text(BytePointer message) {
        return message == null || message.isNull() ? "no description" : message.getString();
    }
}
