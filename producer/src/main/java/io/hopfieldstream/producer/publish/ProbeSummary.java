package io.hopfieldstream.producer.publish;

import java.util.Locale;

/**
 * The outcome of publishing the probes of an experiment.
 *
 * @param experimentId    experiment the probes belong to
 * @param topic           topic written to
 * @param probes          probes acknowledged by the broker
 * @param withTruth       probes sent with a truthPatternId (images in the memory bank)
 * @param withoutTruth    probes sent without one (images not in the memory bank)
 * @param firstProbeIndex probe index of the first probe
 * @param bytes           serialized key and value bytes acknowledged
 * @param seconds         time from the first send until every probe was acknowledged
 * @param stoppedEarly    whether a stop request or interruption ended the run before its count or duration
 */
public record ProbeSummary(String experimentId, String topic, long probes, long withTruth, long withoutTruth,
                           long firstProbeIndex, long bytes, double seconds, boolean stoppedEarly) {

    /** Returns acknowledged probes per second. */
    public double imagesPerSecond() {
        return seconds > 0 ? probes / seconds : 0.0;
    }

    /** Returns acknowledged megabytes (10^6 bytes) per second. */
    public double megabytesPerSecond() {
        return seconds > 0 ? bytes / 1e6 / seconds : 0.0;
    }

    /** Returns the probe index that a following run of the same experiment starts at. */
    public long nextProbeIndex() {
        return firstProbeIndex + withTruth + withoutTruth;
    }

    /** Returns the summary line that the publisher logs. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Probes of experiment %s published to %s: %d probes (%d with truth, %d without)"
                        + " in %.2f s, %.1f images/s, %.1f MB/s%s", experimentId, topic, probes, withTruth, withoutTruth,
                seconds, imagesPerSecond(), megabytesPerSecond(), stoppedEarly ? ", stopped early" : "");
    }
}
