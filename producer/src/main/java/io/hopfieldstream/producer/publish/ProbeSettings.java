package io.hopfieldstream.producer.publish;

import java.time.Duration;
import java.util.Objects;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.schemas.Topics;

/**
 * Settings of one {@link ProbePublisher} run.
 *
 * <p>The run sends probe after probe, cycling through the targets, until {@code count} probes are sent, the
 * {@code duration} has passed, or {@link ProbePublisher#requestStop()} is called, whichever comes first.
 *
 * @param experimentId     experiment the probes belong to
 * @param corruption       how each probe is made from its image
 * @param experimentSeed   seed from which each probe's corruption seed is derived
 * @param ratePerSecond    maximum probes per second, or {@link #UNLIMITED_RATE} (0)
 * @param count            probes to send: a positive count, {@link #ONE_PASS} for one probe per target, or
 *                         {@link #UNLIMITED_COUNT} to run until the duration or a stop request
 * @param duration         maximum run time, or null for none
 * @param firstProbeIndex  index of the first probe, 0 for a new experiment; a later run continues the indices
 * @param topic            topic to write, by default {@link Topics#IMAGES_CORRUPTED}
 * @param createTopic      whether to create the topic when it is missing, with {@link Topics#DEFAULT_PARTITIONS}
 * @param progressInterval minimum time between progress lines
 * @param maxBurst         maximum probes sent without pacing after the run fell behind its rate, at least 1
 */
public record ProbeSettings(String experimentId, CorruptionSpec corruption, long experimentSeed, double ratePerSecond,
                            long count, Duration duration, long firstProbeIndex, String topic,
                            boolean createTopic, Duration progressInterval, int maxBurst) {

    /** Rate that sends as fast as the producer accepts probes. */
    public static final double UNLIMITED_RATE = 0.0;

    /** Count that sends one probe per target. */
    public static final long ONE_PASS = -1;

    /** Count that sends until the duration has passed or a stop is requested. */
    public static final long UNLIMITED_COUNT = Long.MAX_VALUE;

    /** Validates the settings. */
    public ProbeSettings {
        Objects.requireNonNull(experimentId, "experimentId");
        if (experimentId.isBlank()) {
            throw new IllegalArgumentException("Experiment id must not be blank");
        }
        Objects.requireNonNull(corruption, "corruption");
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("Invalid rate " + ratePerSecond
                    + " probes/s: expected a positive number, or 0 for unlimited");
        }
        if (count < 1 && count != ONE_PASS) {
            throw new IllegalArgumentException("Invalid probe count " + count
                    + ": expected a positive count, ONE_PASS or UNLIMITED_COUNT");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("Invalid duration " + duration + ": expected a positive duration");
        }
        if (firstProbeIndex < 0) {
            throw new IllegalArgumentException("Invalid first probe index " + firstProbeIndex + ": expected >= 0");
        }
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (maxBurst < 1) {
            throw new IllegalArgumentException("Invalid maximum burst " + maxBurst + ": expected at least 1");
        }
    }

    /**
     * Returns settings for one pass over the targets at an unlimited rate, seed 0, onto
     * {@link Topics#IMAGES_CORRUPTED} (created when missing), with a progress line every 5 s and bursts of up to
     * 100 probes.
     */
    public static ProbeSettings defaults(String experimentId, CorruptionSpec corruption) {
        return new ProbeSettings(experimentId, corruption, 0L, UNLIMITED_RATE, ONE_PASS, null, 0L,
                Topics.IMAGES_CORRUPTED, true, Duration.ofSeconds(5), 100);
    }

    /** Returns a copy with another experiment seed. */
    public ProbeSettings withSeed(long seed) {
        return new ProbeSettings(experimentId, corruption, seed, ratePerSecond, count, duration, firstProbeIndex,
                topic, createTopic, progressInterval, maxBurst);
    }

    /** Returns a copy with another rate limit in probes per second ({@link #UNLIMITED_RATE} for none). */
    public ProbeSettings withRate(double probesPerSecond) {
        return new ProbeSettings(experimentId, corruption, experimentSeed, probesPerSecond, count, duration,
                firstProbeIndex, topic, createTopic, progressInterval, maxBurst);
    }

    /** Returns a copy that sends {@code probes} probes ({@link #ONE_PASS} or {@link #UNLIMITED_COUNT} allowed). */
    public ProbeSettings withCount(long probes) {
        return new ProbeSettings(experimentId, corruption, experimentSeed, ratePerSecond, probes, duration,
                firstProbeIndex, topic, createTopic, progressInterval, maxBurst);
    }

    /** Returns a copy that stops after {@code runTime} (null for no time limit). */
    public ProbeSettings withDuration(Duration runTime) {
        return new ProbeSettings(experimentId, corruption, experimentSeed, ratePerSecond, count, runTime,
                firstProbeIndex, topic, createTopic, progressInterval, maxBurst);
    }

    /** Returns a copy whose first probe has index {@code index}. */
    public ProbeSettings withFirstProbeIndex(long index) {
        return new ProbeSettings(experimentId, corruption, experimentSeed, ratePerSecond, count, duration, index,
                topic, createTopic, progressInterval, maxBurst);
    }

    /** Returns a copy that writes to another topic. */
    public ProbeSettings withTopic(String otherTopic) {
        return new ProbeSettings(experimentId, corruption, experimentSeed, ratePerSecond, count, duration,
                firstProbeIndex, otherTopic, createTopic, progressInterval, maxBurst);
    }

    /** Returns a copy that creates a missing topic, or leaves that to the broker's auto-creation. */
    public ProbeSettings withCreateTopic(boolean create) {
        return new ProbeSettings(experimentId, corruption, experimentSeed, ratePerSecond, count, duration,
                firstProbeIndex, topic, create, progressInterval, maxBurst);
    }

    /** Returns a copy with another progress interval. */
    public ProbeSettings withProgressInterval(Duration interval) {
        return new ProbeSettings(experimentId, corruption, experimentSeed, ratePerSecond, count, duration,
                firstProbeIndex, topic, createTopic, interval, maxBurst);
    }

    /** Returns whether the rate is limited. */
    public boolean isRateLimited() {
        return ratePerSecond > 0;
    }
}
