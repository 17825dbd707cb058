package io.hopfieldstream.retriever.cuda;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code --backend auto|cpu|nd4j-cuda|cuda} against what the machine has.
 *
 * <p>{@code auto} takes device 0 and picks:
 * <ul>
 *   <li>{@code cuda} when the device has compute capability 9.0 or newer (Hopper and later, which
 *       ND4J's CUDA 11.6 build, machine code for sm_37 to sm_86 and no PTX, cannot run) and the
 *       CUDA bindings loaded;</li>
 *   <li>{@code nd4j-cuda} for an older device when ND4J's CUDA backend is on the class path;</li>
 *   <li>{@code cuda} for an older device of compute capability 7.5 or newer (the oldest that
 *       CUDA 13's NVRTC compiles for) when ND4J's CUDA backend is absent;</li>
 *   <li>{@code cpu} otherwise, with the reason the GPU was passed over.</li>
 * </ul>
 * An explicit choice that cannot run raises {@link BackendUnavailableException} with one sentence
 * saying what is missing.
 */
public final class BackendSelector {

    /** Oldest compute capability with no ND4J CUDA code (Hopper). */
    static final int HOPPER_MAJOR = 9;
    /** Oldest compute capability CUDA 13's NVRTC compiles for (Turing, sm_75). */
    static final int NVRTC_MIN_MAJOR = 7;
    static final int NVRTC_MIN_MINOR = 5;

    private static final Logger log = LoggerFactory.getLogger(BackendSelector.class);

    private final GpuEnvironmentProbe probe;

    public BackendSelector(GpuEnvironmentProbe probe) {
        this.probe = probe;
    }

    /** Creates a selector that probes this machine. */
    public static BackendSelector forThisMachine() {
        return new BackendSelector(new JavaCppGpuProbe());
    }

    /**
     * Picks the backend for choice and logs the pick and its reason.
     *
     * @throws BackendUnavailableException when an explicit choice cannot run here, or auto finds no
     *     backend at all
     */
    public BackendSelection select(BackendChoice choice) {
        GpuEnvironment environment = probe.probe();
        BackendSelection selection = switch (choice) {
            case AUTO -> auto(environment);
            case CPU -> cpu(environment);
            case ND4J_CUDA -> nd4jCuda(environment);
            case CUDA -> cuda(environment);
        };
        log.info("Backend {} (--backend {}): {}", selection.kind(), choice, selection.reason());
        return selection;
    }

    private static BackendSelection auto(GpuEnvironment environment) {
        if (environment.devices().isEmpty()) {
            String why = environment.cudaProblem()
                    .map(problem -> "no usable GPU (" + problem + ")")
                    .orElse("the CUDA driver sees no device");
            return cpuOrFail(environment, why);
        }
        CudaDeviceInfo device = environment.devices().get(0);
        if (device.atLeast(HOPPER_MAJOR, 0)) {
            return new BackendSelection(BackendKind.CUDA, Optional.of(device), device
                    + " is Hopper or newer, which ND4J's CUDA 11.6 build has no code for, so the JavaCPP cuda backend runs it");
        }
        if (environment.nd4jCudaPresent()) {
            return new BackendSelection(BackendKind.ND4J_CUDA, Optional.of(device), device
                    + " is older than Hopper and ND4J's CUDA backend is on the class path");
        }
        if (device.atLeast(NVRTC_MIN_MAJOR, NVRTC_MIN_MINOR)) {
            return new BackendSelection(BackendKind.CUDA, Optional.of(device), device
                    + " is older than Hopper, ND4J's CUDA backend is not on the class path (build with -P cuda for it),"
                    + " so the JavaCPP cuda backend runs it");
        }
        return cpuOrFail(environment, device + " is older than compute capability 7.5, which CUDA 13 no longer supports,"
                + " and ND4J's CUDA backend is not on the class path");
    }

    private static BackendSelection cpuOrFail(GpuEnvironment environment, String whyNotGpu) {
        if (!environment.nd4jNativePresent()) {
            throw new BackendUnavailableException("No retrieval backend can run: " + whyNotGpu
                    + ", and ND4J's CPU backend is not on the class path (this build uses -P cuda).");
        }
        return new BackendSelection(BackendKind.CPU, Optional.empty(), "ND4J's CPU backend, because " + whyNotGpu);
    }

    private static BackendSelection cpu(GpuEnvironment environment) {
        if (!environment.nd4jNativePresent()) {
            throw new BackendUnavailableException("--backend cpu cannot run: ND4J's CPU backend (nd4j-native) is not on"
                    + " the class path because this build uses the Maven profile cuda; choose --backend nd4j-cuda or"
                    + " rebuild without -P cuda.");
        }
        return new BackendSelection(BackendKind.CPU, Optional.empty(), "ND4J's CPU backend, as requested");
    }

    private static BackendSelection nd4jCuda(GpuEnvironment environment) {
        if (!environment.nd4jCudaPresent()) {
            throw new BackendUnavailableException("--backend nd4j-cuda cannot run: ND4J's CUDA backend (nd4j-cuda-11.6)"
                    + " is not on the class path; rebuild with -P cuda, or choose --backend cuda.");
        }
        CudaDeviceInfo device = firstDevice(environment, "nd4j-cuda");
        if (device.atLeast(HOPPER_MAJOR, 0)) {
            throw new BackendUnavailableException("--backend nd4j-cuda cannot run on " + device + ": ND4J's CUDA 11.6"
                    + " build has machine code up to sm_86 and no PTX; choose --backend cuda.");
        }
        return new BackendSelection(BackendKind.ND4J_CUDA, Optional.of(device), "ND4J's CUDA backend on " + device
                + ", as requested");
    }

    private static BackendSelection cuda(GpuEnvironment environment) {
        CudaDeviceInfo device = firstDevice(environment, "cuda");
        if (!device.atLeast(NVRTC_MIN_MAJOR, NVRTC_MIN_MINOR)) {
            throw new BackendUnavailableException("--backend cuda cannot run on " + device + ": CUDA 13's NVRTC compiles"
                    + " for compute capability 7.5 and newer; choose --backend nd4j-cuda or cpu.");
        }
        return new BackendSelection(BackendKind.CUDA, Optional.of(device), "the JavaCPP cuda backend on " + device
                + ", as requested");
    }

    private static CudaDeviceInfo firstDevice(GpuEnvironment environment, String option) {
        if (environment.cudaProblem().isPresent()) {
            throw new BackendUnavailableException("--backend " + option + " cannot run: "
                    + environment.cudaProblem().get() + ". Install the NVIDIA driver and the CUDA libraries,"
                    + " or choose --backend cpu.");
        }
        if (environment.devices().isEmpty()) {
            throw new BackendUnavailableException("--backend " + option + " cannot run: the CUDA driver sees no device"
                    + " (check nvidia-smi and CUDA_VISIBLE_DEVICES), or choose --backend cpu.");
        }
        return environment.devices().get(0);
    }
}
