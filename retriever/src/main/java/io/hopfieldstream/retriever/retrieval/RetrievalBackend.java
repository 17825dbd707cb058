package io.hopfieldstream.retriever.retrieval;

import io.hopfieldstream.retriever.memory.MemorySnapshot;
import java.util.List;

/**
 * Runs batched Modern Hopfield retrieval on one device. An instance is confined to the thread
 * that calls {@link #retrieve}: its working arrays are never shared between threads.
 */
public interface RetrievalBackend extends AutoCloseable {

    /**
     * Retrieves every probe of the batch from the memory snapshot. The backend rebuilds its
     * prepared memory matrix when the snapshot's version differs from the last one it saw.
     *
     * @return one result per probe, in batch order
     */
    List<RetrievalResult> retrieve(MemorySnapshot memory, ProbeBatch batch);

    /** Names the backend and device, for the start-up log, for example "nd4j-native CPU, 2 threads". */
    String describe();

    @Override
    void close();
}
