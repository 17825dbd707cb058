package io.hopfieldstream.launcher.stress;

/**
 * The retrieval backend's own rate on the run's settings, without Kafka.
 *
 * @param imagesPerSecond probes retrieved per second over the timed batches
 * @param batchMillis mean time of one batch of {@code batchSize} probes, in milliseconds
 * @param batchSize probes per batch
 * @param memorySize stored patterns in the memory retrieved from
 * @param batches timed batches
 * @param seconds time the timed batches took
 * @param backend the backend's description
 */
public record KernelMeasurement(double imagesPerSecond, double batchMillis, int batchSize, int memorySize,
        int batches, double seconds, String backend) {
}
