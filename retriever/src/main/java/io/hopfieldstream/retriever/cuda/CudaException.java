package io.hopfieldstream.retriever.cuda;

/**
 * A CUDA, cuBLAS or NVRTC call that returned an error status.
 */
public final class CudaException extends RuntimeException {

    private final String call;
    private final int status;

    public CudaException(String call, int status, String detail) {
        super(call + " failed with status " + status + ": " + detail);
        this.call = call;
        this.status = status;
    }

    /** Name of the library function that failed, for example "cudaMalloc". */
    public String call() {
        return call;
    }

    /** The status code the function returned. */
    public int status() {
        return status;
    }
}
