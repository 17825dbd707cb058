package io.hopfieldstream.launcher.stress;

import java.util.List;
import java.util.Map;

/**
 * Everything a stress run measured; written as JSON by {@link StressReport}. Rates are per second,
 * latencies in milliseconds, times in seconds since the run started unless named otherwise.
 *
 * @param run what ran where
 * @param kernel the backend's own rate on the run's settings, or null when not measured
 * @param phases one entry per phase, in order
 * @param samples one entry per live line
 * @param totals counts over the whole run, drain included
 * @param summary the headline figures
 */
public record StressResult(RunInfo run, KernelMeasurement kernel, List<PhaseResult> phases,
        List<IntervalSample> samples, Totals totals, Summary summary) {

    /**
     * What ran where.
     *
     * @param experimentId experiment id of the probes
     * @param startedAt start time, ISO-8601
     * @param broker "embedded" or the bootstrap servers of the external cluster
     * @param mode "fixed", "ramp" or "producer-only"
     * @param memorySize stored patterns in the retrievers' memory (the published bank when no retriever runs here)
     * @param batchSize most probes per batch
     * @param maxBatchWaitMs longest wait for a partial batch
     * @param beta inverse temperature of the retrieval
     * @param corruptions the corruption mix
     * @param partitions partitions of the probe topic
     * @param retrievers retriever instances in this process
     * @param retrieverGroup consumer group whose lag is reported
     * @param cores processors available to the JVM
     * @param javaVersion the JVM's version
     * @param loadAverageStart the system's one-minute load average at the start, -1 when unknown
     * @param loadAverageEnd the same at the end
     * @param probes how probes were made: "corrupted pass" (one pass corrupted before the load and sent again
     *     under new ids) or "corrupted as sent"
     */
    public record RunInfo(String experimentId, String startedAt, String broker, String mode, int memorySize,
            int batchSize, long maxBatchWaitMs, double beta, List<String> corruptions, int partitions, int retrievers,
            String retrieverGroup, int cores, String javaVersion, double loadAverageStart, double loadAverageEnd,
            String probes) {
    }

    /**
     * One phase.
     *
     * @param index position, from 0
     * @param name e.g. "step-2"
     * @param kind warm-up, fixed, step or hold
     * @param offeredRate probes per second offered, 0 for as fast as the producer sends
     * @param start start time
     * @param seconds actual length
     * @param sentPerSecond probes acknowledged by the broker per second during the phase
     * @param reconstructedPerSecond reconstructions read per second during the phase
     * @param secondHalfSentPerSecond the same as sentPerSecond, over the phase's second half
     * @param secondHalfReconstructedPerSecond the same as reconstructedPerSecond, over the phase's second half
     * @param lagAtMiddle the retriever group's lag at the middle of the phase, -1 when unknown
     * @param lagAtEnd its lag at the end of the phase
     * @param secondHalfLatency latencies of the reconstructions read in the second half
     * @param latency latencies of the probes created during the phase, wherever they were read
     * @param sustainable for a ramp step, whether the pipeline kept up; null for other phases
     * @param verdict why a step is or is not sustainable; null for other phases
     * @param processCores CPU cores this process used on average during the phase
     * @param cpuCores those cores by part of the pipeline, largest first; the native part is CPU time outside
     *     Java threads (the matrix products' worker threads, garbage collection, JIT compilation); a Java thread's
     *     part includes the native code it calls
     * @param batches batches the in-process retrievers committed during the phase
     * @param computeShare share of the phase the retrievers spent computing, averaged over instances
     * @param writeShare share of the phase they spent writing and committing transactions, partly overlapping
     *     the computing of the next batch
     */
    public record PhaseResult(int index, String name, String kind, double offeredRate, double start, double seconds,
            double sentPerSecond, double reconstructedPerSecond, double secondHalfSentPerSecond,
            double secondHalfReconstructedPerSecond, long lagAtMiddle, long lagAtEnd, LatencySummary secondHalfLatency,
            LatencySummary latency, Boolean sustainable, String verdict, double processCores,
            Map<String, Double> cpuCores, long batches, double computeShare, double writeShare) {
    }

    /**
     * One live line.
     *
     * @param time end of the interval
     * @param phase the phase running at its end
     * @param offeredRate that phase's offered rate
     * @param sentPerSecond probes acknowledged per second in the interval
     * @param megabytesPerSecond serialized probe megabytes (10^6 bytes) acknowledged per second
     * @param reconstructedPerSecond reconstructions read per second in the interval
     * @param lag the retriever group's lag at the end of the interval, -1 when unknown
     * @param p50 median latency of the reconstructions read in the interval
     * @param p99 99th percentile of the same
     * @param p50SoFar median latency of every reconstruction read so far
     * @param p99SoFar 99th percentile of the same
     */
    public record IntervalSample(double time, String phase, double offeredRate, double sentPerSecond,
            double megabytesPerSecond, double reconstructedPerSecond, long lag, long p50, long p99, long p50SoFar,
            long p99SoFar) {
    }

    /**
     * Counts over the whole run. They add up: {@code sent = acknowledged + sendFailed + unacknowledged} and
     * {@code acknowledged = reconstructed + deadLettered + inFlight}.
     *
     * @param sent probes handed to the producers
     * @param acknowledged probes the broker confirmed
     * @param sendFailed probes whose send failed
     * @param unacknowledged probes neither confirmed nor failed when the run ended
     * @param sendFailuresByType failed sends by exception class
     * @param reconstructed distinct probes with a committed reconstruction read by the tracker
     * @param deadLettered dead letters of the run's probes
     * @param deadLettersByReason those dead letters by reason code
     * @param inFlight acknowledged probes with neither a reconstruction nor a dead letter when the run ended
     * @param duplicates second and later reconstructions of a probe (0 with exactly-once delivery)
     * @param exactMatches reconstructions whose retrieved pattern is the probe's truth
     * @param withTruth reconstructions of probes with a known truth
     * @param foreignDeadLetters dead letters of other experiments seen during the run
     * @param undecodable reconstruction records the tracker could not decode
     * @param errors retriever and tracker failures, one message each
     */
    public record Totals(long sent, long acknowledged, long sendFailed, long unacknowledged,
            Map<String, Long> sendFailuresByType, long reconstructed, long deadLettered,
            Map<String, Long> deadLettersByReason, long inFlight, long duplicates, long exactMatches, long withTruth,
            long foreignDeadLetters, long undecodable, List<String> errors) {
    }

    /**
     * The headline figures.
     *
     * @param sustainedImagesPerSecond reconstructions per second the pipeline delivered: over the measured
     *     phase of a fixed run, the best second half of any ramp step; probes acknowledged per second when
     *     producer-only
     * @param kernelShare sustainedImagesPerSecond over the kernel's images per second, NaN without a kernel
     *     measurement
     * @param sustainableRate the highest ramp step that kept up, probes per second; NaN for a fixed run
     * @param latencyPhase the phase whose probes the latency figures describe
     * @param latency end-to-end latency of the probes created in that phase
     * @param p99InBatchTimes that p99 over the kernel's batch time, NaN without a kernel measurement
     * @param producerAckLatency time from send to the broker's acknowledgement, every probe of the run
     * @param producerMegabytesPerSecond serialized probe megabytes acknowledged per second over the measured phases
     */
    public record Summary(double sustainedImagesPerSecond, double kernelShare, double sustainableRate,
            String latencyPhase, LatencySummary latency, double p99InBatchTimes, LatencySummary producerAckLatency,
            double producerMegabytesPerSecond) {
    }
}
