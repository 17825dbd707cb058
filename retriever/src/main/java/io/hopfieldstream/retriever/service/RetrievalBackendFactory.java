package io.hopfieldstream.retriever.service;

import io.hopfieldstream.retriever.retrieval.RetrievalBackend;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;

/**
 * Creates the retrieval backend for the service. The service calls it on its compute thread,
 * the only thread that will ever use the backend.
 */
@FunctionalInterface
public interface RetrievalBackendFactory {

    /** Creates a backend that retrieves with these settings. */
    RetrievalBackend create(RetrievalSettings settings);
}
