package io.hopfieldstream.retriever.service;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.RetrievalBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
import java.util.List;

/**
 * Wraps the retrieval backend on the compute thread: runs the {@link BatchHook} before each batch
 * and checks that the backend returned one result of the right size per probe.
 */
final class TimedBackend {

    private final RetrievalBackend backend;
    private final BatchHook hook;

    TimedBackend(RetrievalBackend backend, BatchHook hook) {
        this.backend = backend;
        this.hook = hook;
    }

    /**
     * Retrieves one batch.
     *
     * @return the results and the compute time, hook included
     * @throws InterruptedException when the hook is interrupted
     */
    Computed retrieve(long batchNumber, MemorySnapshot memory, ProbeBatch batch) throws InterruptedException {
        long start = System.nanoTime();
        hook.beforeBatch(batchNumber, batch.size());
        List<RetrievalResult> results = backend.retrieve(memory, batch);
        long nanos = System.nanoTime() - start;

        if (results.size() != batch.size()) {
            throw new IllegalStateException("Backend " + backend.describe() + " returned " + results.size()
                    + " results for a batch of " + batch.size() + " probes");
        }
        return new Computed(results, nanos);
    }

    String describe() {
        return backend.describe();
    }

    void close() {
        backend.close();
    }

    /** Results of one batch with the time it took, in nanoseconds. */
    record Computed(List<RetrievalResult> results, long nanos) {
    }
}
