package io.hopfieldstream.retriever.service;

/**
 * Called on the compute thread before each batch is retrieved. Tests use it to make retrieval
 * artificially slow or to hold a batch while they stop the service; the service runs without one.
 */
@FunctionalInterface
public interface BatchHook {

    /** A hook that does nothing. */
    BatchHook NONE = (batchNumber, probes) -> {
    };

    /**
     * Runs before retrieval of one batch.
     *
     * @param batchNumber 1 for the first batch of real probes, counting up; 0 for the warm-up batch at start
     * @param probes probes in the batch
     * @throws InterruptedException when the compute thread is interrupted while the hook waits
     */
    void beforeBatch(long batchNumber, int probes) throws InterruptedException;
}
