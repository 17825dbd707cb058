package io.hopfieldstream.retriever.memory;

/**
 * One stored image of the memory bank.
 *
 * @param patternId stable identifier, the key on the memory topic
 * @param label CIFAR-10 class label, 0..9
 * @param pixels 3072 raw pixel values 0..255 in CIFAR-10 planar order; never modified after construction
 */
public record StoredPattern(String patternId, int label, byte[] pixels) {
}
