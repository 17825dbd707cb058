package io.hopfieldstream.evaluator.scoring;

import io.hopfieldstream.schemas.Reconstruction;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Checks that reject reconstructions whose fields no retriever can produce, before they reach any metric.
 *
 * <p>Checks, in this order:
 * <ul>
 *   <li>experimentId and runId are not blank.</li>
 *   <li>probeCreatedAtMs is positive.</li>
 *   <li>retrievedAtMs is not earlier than probeCreatedAtMs by more than {@link #MAX_CLOCK_SKEW}.</li>
 *   <li>retrievedAtMs is not later than the evaluator's clock by more than {@link #MAX_FUTURE}.</li>
 *   <li>retrievedWeight is finite and from 0 to 1.</li>
 *   <li>a retrievedPatternId that is set names a pattern of the memory.</li>
 * </ul>
 * The clock allowances exist because the producer, the retriever and the evaluator may run on hosts whose clocks
 * differ. Within the skew allowance a negative latency counts as 0 (see {@link Scorer#latencyMs}).
 *
 * <p>NOTE: like the truth pattern, a retrieved pattern published just before its reconstruction may not be in
 * the evaluator's global memory table yet, and is then rejected as unknown.
 */
public final class ReconstructionChecks {

    /** Maximum time by which retrievedAtMs may precede probeCreatedAtMs, for clocks of different hosts: 5 seconds. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(5);

    /** Maximum time by which retrievedAtMs may follow the evaluator's clock: 1 minute. */
    public static final Duration MAX_FUTURE = Duration.ofMinutes(1);

    private ReconstructionChecks() {
    }

    /**
     * Checks one reconstruction.
     *
     * @param reconstruction the retriever's output
     * @param nowMs the evaluator's clock, milliseconds since the Unix epoch
     * @param patternExists returns whether the memory contains a patternId
     * @throws RejectedReconstructionException naming the first check that failed
     */
    public static void check(Reconstruction reconstruction, long nowMs, Predicate<String> patternExists) {
        String probeId = reconstruction.getProbeId();
        if (isBlank(reconstruction.getExperimentId())) {
            throw new RejectedReconstructionException(RejectionReason.MISSING_ID,
                    "Reconstruction of probe '" + probeId + "' has a blank experimentId");
        }
        if (isBlank(reconstruction.getRunId())) {
            throw new RejectedReconstructionException(RejectionReason.MISSING_ID,
                    "Reconstruction of probe '" + probeId + "' has a blank runId");
        }

        checkTimes(reconstruction, nowMs);

        double weight = reconstruction.getRetrievedWeight();
        if (!(weight >= 0.0 && weight <= 1.0)) {
            throw new RejectedReconstructionException(RejectionReason.INVALID_RETRIEVED_WEIGHT,
                    "Reconstruction of probe '" + probeId + "' has retrievedWeight " + weight
                            + ", expected a finite number from 0 to 1");
        }

        String retrievedId = reconstruction.getRetrievedPatternId();
        if (retrievedId != null && !patternExists.test(retrievedId)) {
            throw new RejectedReconstructionException(RejectionReason.UNKNOWN_RETRIEVED_PATTERN,
                    "Retrieved pattern '" + retrievedId + "' of probe '" + probeId + "' was not found in the memory");
        }
    }

    private static void checkTimes(Reconstruction reconstruction, long nowMs) {
        String probeId = reconstruction.getProbeId();
        long createdAtMs = reconstruction.getProbeCreatedAtMs();
        long retrievedAtMs = reconstruction.getRetrievedAtMs();
        if (createdAtMs <= 0) {
            throw new RejectedReconstructionException(RejectionReason.INVALID_TIMESTAMP,
                    "Reconstruction of probe '" + probeId + "' has probeCreatedAtMs " + createdAtMs
                            + ", expected a positive time");
        }
        if (retrievedAtMs < createdAtMs - MAX_CLOCK_SKEW.toMillis()) {
            throw new RejectedReconstructionException(RejectionReason.INVALID_TIMESTAMP,
                    "Reconstruction of probe '" + probeId + "' has retrievedAtMs " + retrievedAtMs
                            + ", more than " + MAX_CLOCK_SKEW.toMillis() + " ms before probeCreatedAtMs "
                            + createdAtMs);
        }
        if (retrievedAtMs > nowMs + MAX_FUTURE.toMillis()) {
            throw new RejectedReconstructionException(RejectionReason.INVALID_TIMESTAMP,
                    "Reconstruction of probe '" + probeId + "' has retrievedAtMs " + retrievedAtMs
                            + ", more than " + MAX_FUTURE.toMillis() + " ms after the evaluator's clock " + nowMs);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
