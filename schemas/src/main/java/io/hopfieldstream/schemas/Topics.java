package io.hopfieldstream.schemas;

/**
 * Names of the pipeline's topics and the defaults used when the producer or a service creates them.
 */
public final class Topics {

    /** Compacted topic of stored images, keyed by patternId; a tombstone removes a pattern. */
    public static final String MEMORY_PATTERNS = "memory.patterns";

    /** Probes of every experiment, keyed by probeId. */
    public static final String IMAGES_CORRUPTED = "images.corrupted";

    /** One reconstruction per probe and retrieval run, keyed by probeId. */
    public static final String IMAGES_RECONSTRUCTED = "images.reconstructed";

    /** Rolling, windowed and cumulative scores, keyed by experiment, run and window. */
    public static final String METRICS_ROLLING = "metrics.rolling";

    /** Rejected records with their original bytes and headers naming the source and the reason. */
    public static final String IMAGES_DEAD_LETTER = "images.dead-letter";

    /** Partitions for the probe and reconstruction topics when they are created. */
    public static final int DEFAULT_PARTITIONS = 6;

    /** Partitions for the memory, metrics and dead-letter topics when they are created. */
    public static final int DEFAULT_SMALL_TOPIC_PARTITIONS = 1;

    /** Pixel values per image: 3 colour planes of 32 x 32. */
    public static final int PIXELS_PER_IMAGE = 3 * 32 * 32;

    private Topics() {
    }
}
