package io.hopfieldstream.producer.publish;

import java.util.Locale;

/**
 * The outcome of publishing a memory bank.
 *
 * @param topic    topic written to
 * @param patterns patterns acknowledged by the broker (tombstones included when removing)
 * @param bytes    serialized key and value bytes acknowledged
 * @param seconds  time from the first send until every record was acknowledged
 */
public record MemoryBankSummary(String topic, long patterns, long bytes, double seconds) {

    /** Returns acknowledged patterns per second. */
    public double imagesPerSecond() {
        return seconds > 0 ? patterns / seconds : 0.0;
    }

    /** Returns acknowledged megabytes (10^6 bytes) per second. */
    public double megabytesPerSecond() {
        return seconds > 0 ? bytes / 1e6 / seconds : 0.0;
    }

    /** Returns the summary line that the publisher logs. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Memory bank published to %s: %d patterns in %.2f s, %.1f images/s, %.1f MB/s",
                topic, patterns, seconds, imagesPerSecond(), megabytesPerSecond());
    }
}
