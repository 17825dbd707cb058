package io.hopfieldstream.retriever.cuda;

import java.util.List;
import java.util.Optional;

/**
 * Probes this machine: loads JavaCPP's CUDA bindings, lists the devices through the driver API and
 * looks for ND4J's backends on the class path without initialising them.
 */
public final class JavaCppGpuProbe implements GpuEnvironmentProbe {

    static final String ND4J_CPU_BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    static final String ND4J_CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    @Override
    public GpuEnvironment probe() {
        boolean nd4jNative = onClassPath(ND4J_CPU_BACKEND);
        boolean nd4jCuda = onClassPath(ND4J_CUDA_BACKEND);
        Optional<String> problem = CudaLibraries.load();
        if (problem.isPresent()) {
            return new GpuEnvironment(problem, List.of(), nd4jNative, nd4jCuda);
        }
        try {
            return new GpuEnvironment(Optional.empty(), CudaLibraries.devices(), nd4jNative, nd4jCuda);
        } catch (CudaException e) {
            // cuInit reports a missing or too old driver, or no device, as an error status.
            return new GpuEnvironment(Optional.of("the CUDA driver did not answer: " + e.getMessage()), List.of(),
                    nd4jNative, nd4jCuda);
        }
    }

    static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, JavaCppGpuProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
