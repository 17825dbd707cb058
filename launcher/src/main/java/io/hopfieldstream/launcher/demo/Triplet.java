package io.hopfieldstream.launcher.demo;

/**
 * One sample of the demo's picture: a stored image, the probe made from it and the retriever's
 * reconstruction, each 3072 bytes in CIFAR-10 planar order.
 *
 * @param corruption corruption specification of the probe, for example "gaussian:25"
 * @param label CIFAR-10 class label of the stored image, 0..9
 * @param exactMatch whether the retriever returned the probe's own stored image
 * @param retrievedWeight attention weight of the retrieved pattern, 0..1
 */
public record Triplet(
        String corruption,
        int label,
        byte[] original,
        byte[] probe,
        byte[] reconstruction,
        boolean exactMatch,
        double retrievedWeight) {
}
