package io.hopfieldstream.retriever.cuda;

import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetCount;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetName;
import static org.bytedeco.cuda.global.cudart.cuDeviceTotalMem;
import static org.bytedeco.cuda.global.cudart.cuDriverGetVersion;
import static org.bytedeco.cuda.global.cudart.cuInit;
import static org.bytedeco.cuda.global.cudart.cudaRuntimeGetVersion;
import static org.bytedeco.cuda.global.nvrtc.nvrtcVersion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Loads JavaCPP's CUDA bindings (cudart with the driver API, cuBLAS, NVRTC) and reads the
 * devices and versions. Loading links the host's libcuda.so.1 (the driver) and the CUDA
 * libraries the presets were built for; any of them missing is reported as a reason, not thrown.
 */
public final class CudaLibraries {

    private static volatile Optional<String> loadProblem;

    private CudaLibraries() {
    }

    /**
     * Loads the bindings once per JVM.
     *
     * @return empty when cudart, cuBLAS and NVRTC loaded, else why not (the missing library's name
     *     as the dynamic linker reported it)
     */
    public static synchronized Optional<String> load() {
        if (loadProblem == null) {
            loadProblem = tryLoad();
        }
        return loadProblem;
    }

    private static Optional<String> tryLoad() {
        for (Class<?> library : List.of(cudart.class, cublas.class, nvrtc.class)) {
            try {
                Loader.load(library);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
                return Optional.of("failed to load JavaCPP's " + library.getSimpleName() + " binding: "
                        + rootMessage(e));
            }
        }
        return Optional.empty();
    }

    /** The innermost cause's message, which names the shared library the dynamic linker could not open. */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int objectError = message.lastIndexOf(": lib");
        return objectError >= 0 ? message.substring(objectError + 2) : message;
    }

    /** Initialises the driver API; call after a successful {@link #load()}. */
    static void initDriver() {
        CudaStatus.driver(cuInit(0), "cuInit");
    }

    /** Every device the driver sees, in ordinal order. Needs the bindings loaded. */
    static List<CudaDeviceInfo> devices() {
        initDriver();
        int[] count = new int[1];
        CudaStatus.driver(cuDeviceGetCount(count), "cuDeviceGetCount");
        List<CudaDeviceInfo> devices = new ArrayList<>();
        for (int ordinal = 0; ordinal < count[0]; ordinal++) {
            devices.add(device(ordinal));
        }
        return devices;
    }

    static CudaDeviceInfo device(int ordinal) {
        int[] handle = new int[1];
        CudaStatus.driver(cuDeviceGet(handle, ordinal), "cuDeviceGet(" + ordinal + ")");
        int[] major = new int[1];
        int[] minor = new int[1];
        CudaStatus.driver(cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, handle[0]),
                "cuDeviceGetAttribute(major)");
        CudaStatus.driver(cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, handle[0]),
                "cuDeviceGetAttribute(minor)");
        byte[] name = new byte[256];
        CudaStatus.driver(cuDeviceGetName(name, name.length, handle[0]), "cuDeviceGetName");
        long memory;
        try (SizeTPointer bytes = new SizeTPointer(1)) {
            CudaStatus.driver(cuDeviceTotalMem(bytes, handle[0]), "cuDeviceTotalMem");
            memory = bytes.get();
        }
        return new CudaDeviceInfo(ordinal, cString(name), major[0], minor[0], memory);
    }

    /** Driver, runtime and NVRTC versions; cuBLAS's comes from a handle, so callers pass it. */
    static CudaVersions versions(int cublasVersion) {
        int[] driver = new int[1];
        int[] runtime = new int[1];
        int[] nvrtcMajor = new int[1];
        int[] nvrtcMinor = new int[1];
        CudaStatus.driver(cuDriverGetVersion(driver), "cuDriverGetVersion");
        CudaStatus.runtime(cudaRuntimeGetVersion(runtime), "cudaRuntimeGetVersion");
        CudaStatus.nvrtc(nvrtcVersion(nvrtcMajor, nvrtcMinor), "nvrtcVersion");
        return new CudaVersions(driver[0], runtime[0], cublasVersion, nvrtcMajor[0], nvrtcMinor[0]);
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }
}
