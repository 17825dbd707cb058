package io.hopfieldstream.retriever.cuda;

import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The argument list of one kernel launch through the driver API. cuLaunchKernel takes an array
 * of pointers to the argument values; each value lives in its own small native holder, which
 * stays alive until the launch has copied it.
 */
final class KernelLaunch {

    private final String name;
    private final CUfunc_st function;
    private final List<Pointer> values = new ArrayList<>();

    KernelLaunch(String name, CUfunc_st function) {
        this.name = name;
        this.function = function;
    }

    /** A device address argument; 0 passes a null pointer. */
    KernelLaunch address(long deviceAddress) {
        values.add(new LongPointer(1).put(deviceAddress));
        return this;
    }

    KernelLaunch integer(int value) {
        values.add(new IntPointer(1).put(value));
        return this;
    }

    KernelLaunch longInteger(long value) {
        values.add(new LongPointer(1).put(value));
        return this;
    }

    KernelLaunch real(float value) {
        values.add(new FloatPointer(1).put(value));
        return this;
    }

    /** Launches on stream with a one-dimensional grid and block. */
    void launch(int gridSize, int blockSize, CUstream_st stream) {
        PointerPointer<Pointer> parameters = new PointerPointer<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            parameters.put(i, values.get(i));
        }
        try {
            CudaStatus.driver(cuLaunchKernel(function, gridSize, 1, 1, blockSize, 1, 1, 0, stream,
                    parameters, (PointerPointer<?>) null), "cuLaunchKernel(" + name + ")");
        } finally {
            parameters.close();
            values.forEach(Pointer::close);
            values.clear();
        }
    }
}
