package io.hopfieldstream.schemas.serde;

import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.WindowMetrics;

/**
 * Serdes for the pipeline's records, one per topic value type. Each call returns a new
 * {@link AvroSerde}; one instance may be shared by all clients and threads of a service.
 */
public final class RecordSerdes {

    private RecordSerdes() {
    }

    /** Returns a serde for the values of {@code memory.patterns}. */
    public static AvroSerde<MemoryPattern> memoryPattern() {
        return new AvroSerde<>(MemoryPattern.class);
    }

    /** Returns a serde for the values of {@code images.corrupted}. */
    public static AvroSerde<Probe> probe() {
        return new AvroSerde<>(Probe.class);
    }

    /** Returns a serde for the values of {@code images.reconstructed}. */
    public static AvroSerde<Reconstruction> reconstruction() {
        return new AvroSerde<>(Reconstruction.class);
    }

    /** Returns a serde for the values of {@code metrics.rolling}. */
    public static AvroSerde<WindowMetrics> windowMetrics() {
        return new AvroSerde<>(WindowMetrics.class);
    }
}
