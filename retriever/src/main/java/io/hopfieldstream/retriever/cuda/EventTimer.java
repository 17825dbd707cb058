package io.hopfieldstream.retriever.cuda;

import static org.bytedeco.cuda.global.cudart.cudaEventCreate;
import static org.bytedeco.cuda.global.cudart.cudaEventDestroy;
import static org.bytedeco.cuda.global.cudart.cudaEventElapsedTime;
import static org.bytedeco.cuda.global.cudart.cudaEventRecord;
import static org.bytedeco.cuda.global.cudart.cudaEventSynchronize;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUstream_st;

/** GPU time of work enqueued on one stream, measured with a pair of CUDA events. */
final class EventTimer {

    private EventTimer() {
    }

    /** Runs work (which enqueues on stream), waits for it, and returns its GPU time in milliseconds. */
    static float time(CUstream_st stream, Runnable work) {
        CUevent_st start = new CUevent_st();
        CUevent_st stop = new CUevent_st();
        CudaStatus.runtime(cudaEventCreate(start), "cudaEventCreate");
        CudaStatus.runtime(cudaEventCreate(stop), "cudaEventCreate");
        try {
            CudaStatus.runtime(cudaEventRecord(start, stream), "cudaEventRecord");
            work.run();
            CudaStatus.runtime(cudaEventRecord(stop, stream), "cudaEventRecord");
            CudaStatus.runtime(cudaEventSynchronize(stop), "cudaEventSynchronize");
            float[] milliseconds = new float[1];
            CudaStatus.runtime(cudaEventElapsedTime(milliseconds, start, stop), "cudaEventElapsedTime");
            return milliseconds[0];
        } finally {
            cudaEventDestroy(start);
            cudaEventDestroy(stop);
        }
    }
}
