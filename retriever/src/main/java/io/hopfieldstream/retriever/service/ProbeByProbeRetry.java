package io.hopfieldstream.retriever.service;

import io.hopfieldstream.retriever.memory.MemoryVersion;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Retries a batch that the backend rejected as invalid input, one probe at a time, so that one probe
 * the checks before retrieval let through cannot block its whole batch. A probe that the backend
 * still rejects with an {@link IllegalArgumentException} becomes a {@link RejectReason#BACKEND_REJECTED}
 * record for the dead-letter topic; the others keep their results.
 *
 * <p>NOTE: only {@link IllegalArgumentException} counts as a rejection of the input. Any other
 * failure is taken as a fault of the backend or device and still fails the batch.
 */
final class ProbeByProbeRetry {

    private final ComputeThread compute;

    ProbeByProbeRetry(ComputeThread compute) {
        this.compute = compute;
    }

    /** Returns whether a backend failure rejects the batch's input, so a retry probe by probe may help. */
    static boolean rejectsInput(Throwable failure) {
        return failure instanceof IllegalArgumentException;
    }

    /**
     * Retrieves each accepted probe of the batch alone, waiting for each on the compute thread.
     *
     * @return the batch with the rejected probes moved to its rejected records, and the results of
     *     the remaining accepted probes in their order, with the summed compute time
     * @throws ExecutionException when the backend fails on a single probe with anything other than an
     *     {@link IllegalArgumentException}
     * @throws InterruptedException when the calling thread is interrupted while it waits
     */
    Retried retry(long batchNumber, MemoryVersion memory, ProbeChecks.CheckedBatch batch)
            throws ExecutionException, InterruptedException {
        List<ProbeChecks.AcceptedProbe> accepted = new ArrayList<>();
        List<ProbeChecks.RejectedRecord> rejected = new ArrayList<>(batch.rejected());
        List<RetrievalResult> results = new ArrayList<>();
        long nanos = 0;

        for (ProbeChecks.AcceptedProbe probe : batch.accepted()) {
            ProbeBatch single = new ProbeBatch(List.of(probe.pixels()), Collections.singletonList(probe.knownMask()));
            try {
                TimedBackend.Computed computed = compute.submit(batchNumber, memory.snapshot(), single).get();
                accepted.add(probe);
                results.add(computed.results().get(0));
                nanos += computed.nanos();
            } catch (ExecutionException e) {
                if (!rejectsInput(e.getCause())) {
                    throw e;
                }
                rejected.add(new ProbeChecks.RejectedRecord(probe.record(), RejectReason.BACKEND_REJECTED,
                        "the retrieval backend rejected probe " + probe.probe().getProbeId() + ": "
                                + e.getCause().getMessage()));
            }
        }

        ProbeChecks.CheckedBatch checked = new ProbeChecks.CheckedBatch(batch.records(), accepted, rejected,
                batch.skipped());
        return new Retried(checked, new TimedBackend.Computed(results, nanos));
    }

    /** A batch after its retry, with one result per accepted probe. */
    record Retried(ProbeChecks.CheckedBatch checked, TimedBackend.Computed computed) {
    }
}
