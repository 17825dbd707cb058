package io.hopfieldstream.launcher.stress;

/**
 * Busy time of the in-process retrievers so far, summed over instances: batch compute time on the
 * backend and the time to write and commit each batch's transaction, from the retrievers' own timers.
 * A retriever writes one batch while the backend computes the next when one is ready, so the two
 * overlap and their sum can exceed the elapsed time.
 *
 * @param batches batches whose transaction committed
 * @param computeNanos time the backends spent retrieving
 * @param writeNanos time spent writing and committing transactions
 */
record RetrieverTimes(long batches, long computeNanos, long writeNanos) {

    static final RetrieverTimes NONE = new RetrieverTimes(0, 0, 0);

    /** Returns the time between {@code earlier} and these totals. */
    RetrieverTimes since(RetrieverTimes earlier) {
        return new RetrieverTimes(batches - earlier.batches, computeNanos - earlier.computeNanos,
                writeNanos - earlier.writeNanos);
    }
}
