package io.hopfieldstream.retriever.cuda;

/**
 * Finds out what the backend choice depends on. {@link JavaCppGpuProbe} asks the real driver;
 * tests pass a fixed {@link GpuEnvironment}.
 */
@FunctionalInterface
public interface GpuEnvironmentProbe {

    /** Probes once; never throws for a missing driver, library or device, but reports it. */
    GpuEnvironment probe();
}
