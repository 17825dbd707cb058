package io.hopfieldstream.retriever.retrieval;

import java.util.List;

/**
 * B probes retrieved together.
 *
 * @param pixels one array of 3072 raw pixel values 0..255 per probe, CIFAR-10 planar order
 * @param knownMasks one entry per probe: null when every value is known, else 3072 bytes, 1 known and 0 missing
 */
public record ProbeBatch(List<byte[]> pixels, List<byte[]> knownMasks) {

    public int size() {
        return pixels.size();
    }
}
