package io.hopfieldstream.retriever.cuda;

import io.hopfieldstream.retriever.retrieval.RetrievalResult;

/**
 * A retrieval result together with the reconstruction before rounding, for checking the GPU
 * against a reference at full precision.
 *
 * @param result the result as {@link CudaBackend#retrieve} returns it
 * @param readout the attention-weighted sum of the stored images in pixel units (0..255), d values
 */
public record ReadoutResult(RetrievalResult result, float[] readout) {
}
