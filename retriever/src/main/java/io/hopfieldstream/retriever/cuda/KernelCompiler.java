package io.hopfieldstream.retriever.cuda;

import static org.bytedeco.cuda.global.nvrtc.NVRTC_SUCCESS;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetErrorString;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Compiles CUDA C source with NVRTC straight to a cubin for one compute capability
 * ({@code --gpu-architecture=sm_XY}), so the driver loads machine code and never has to
 * compile PTX itself.
 */
final class KernelCompiler {

    private KernelCompiler() {
    }

    /** Reads a kernel source shipped as a class-path resource next to this class. */
    static String readSource(String resourceName) {
        try (InputStream in = KernelCompiler.class.getResourceAsStream(resourceName)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + resourceName + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read kernel source " + resourceName, e);
        }
    }

    /**
     * Compiles source for sm_{major}{minor}.
     *
     * @return the cubin, in native memory the caller owns
     * @throws CudaException when NVRTC rejects the source or the architecture; the message holds NVRTC's log
     */
    static BytePointer compileCubin(String source, String name, int major, int minor) {
        _nvrtcProgram program = new _nvrtcProgram();
        CudaStatus.nvrtc(nvrtcCreateProgram(program, new BytePointer(source), new BytePointer(name), 0,
                (PointerPointer<?>) null, (PointerPointer<?>) null), "nvrtcCreateProgram");
        try {
            String architecture = "--gpu-architecture=sm_" + major + minor;
            String[] options = {architecture, "--std=c++17", "-default-device"};
            int status = nvrtcCompileProgram(program, options.length, new PointerPointer<>(options));
            if (status != NVRTC_SUCCESS) {
                throw new CudaException("nvrtcCompileProgram(" + architecture + ")", status,
                        nvrtcGetErrorString(status).getString() + "\n" + programLog(program));
            }

            SizeTPointer size = new SizeTPointer(1);
            CudaStatus.nvrtc(nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize");
            BytePointer cubin = new BytePointer(size.get());
            CudaStatus.nvrtc(nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN");
            return cubin;
        } finally {
            nvrtcDestroyProgram(program);
        }
    }

    private static String programLog(_nvrtcProgram program) {
        SizeTPointer size = new SizeTPointer(1);
        if (nvrtcGetProgramLogSize(program, size) != NVRTC_SUCCESS || size.get() <= 1) {
            return "(no compiler log)";
        }
        BytePointer log = new BytePointer(size.get());
        nvrtcGetProgramLog(program, log);
        return log.getString();
    }
}
