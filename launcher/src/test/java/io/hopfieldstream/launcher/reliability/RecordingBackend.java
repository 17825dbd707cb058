package io.hopfieldstream.launcher.reliability;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.RetrievalBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
import java.util.List;
import java.util.Queue;

/**
 * A retrieval backend that passes each batch to another backend and records the memory snapshot
 * it was given, the probes and the results, so a test can recompute every batch afterwards.
 */
final class RecordingBackend implements RetrievalBackend {

    /** One retrieved batch. */
    record Batch(MemorySnapshot memory, ProbeBatch probes, List<RetrievalResult> results) {
    }

    private final RetrievalBackend delegate;
    private final Queue<Batch> batches;

    /**
     * @param delegate the backend that retrieves
     * @param batches where each batch is added once retrieved. Other threads read it, so it must be thread-safe
     */
    RecordingBackend(RetrievalBackend delegate, Queue<Batch> batches) {
        this.delegate = delegate;
        this.batches = batches;
    }

    @Override
    public List<RetrievalResult> retrieve(MemorySnapshot memory, ProbeBatch batch) {
        List<RetrievalResult> results = delegate.retrieve(memory, batch);
        batches.add(new Batch(memory, batch, results));
        return results;
    }

    @Override
    public String describe() {
        return "recording " + delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
