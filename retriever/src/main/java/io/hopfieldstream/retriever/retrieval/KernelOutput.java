package io.hopfieldstream.retriever.retrieval;

/**
 * Results of {@link HopfieldKernel#run} for a batch of B probes, indexed by probe.
 *
 * @param readout B rows of dv values: the attention-weighted sum of the memory's values
 * @param retrievedIndex row of the pattern with the largest attention weight, -1 for an empty memory
 * @param retrievedWeight that weight
 * @param attentionSpread smallest number of patterns whose weights sum to at least 0.9
 * @param iterations update steps run
 * @param converged whether a step after the first changed no weight by more than the tolerance
 */
record KernelOutput(
        float[][] readout,
        int[] retrievedIndex,
        double[] retrievedWeight,
        int[] attentionSpread,
        int[] iterations,
        boolean[] converged) {

    static KernelOutput ofSize(int probes, int valueDimension) {
        return new KernelOutput(new float[probes][valueDimension], new int[probes], new double[probes],
                new int[probes], new int[probes], new boolean[probes]);
    }

    int size() {
        return readout.length;
    }
}
