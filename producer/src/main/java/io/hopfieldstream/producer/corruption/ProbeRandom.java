package io.hopfieldstream.producer.corruption;

/**
 * The random generator of one probe's corruption: SplitMix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014) with Box-Muller Gaussian values.
 *
 * <p>It is written out here instead of taken from {@code java.util} so that the same seed gives the same
 * corruption bytes on every JDK, which replaying an experiment from its recorded seeds relies on.
 */
public final class ProbeRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    /** Creates a generator; equal seeds give equal sequences. */
    public ProbeRandom(long seed) {
        this.state = seed;
    }

    /**
     * Derives the corruption seed of one probe from the experiment seed and the probe's 0-based index.
     * For a fixed experiment seed, different probe indices give different seeds.
     */
    public static long seedFor(long experimentSeed, long probeIndex) {
        return mix64(experimentSeed + mix64((probeIndex + 1) * GOLDEN_GAMMA));
    }

    /** Returns the next 64 random bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Returns a uniform value in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Returns a uniform value in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long bits = nextLong() >>> 1;
        long value = bits % bound;
        while (bits - value + (bound - 1) < 0) {
            bits = nextLong() >>> 1;
            value = bits % bound;
        }
        return (int) value;
    }

    /** Returns true or false with equal probability. */
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** Returns a standard normal value (mean 0, standard deviation 1) by the Box-Muller transform. */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double radius = Math.sqrt(-2.0 * Math.log(1.0 - nextDouble()));
        double angle = 2.0 * Math.PI * nextDouble();
        spareGaussian = radius * Math.sin(angle);
        hasSpareGaussian = true;
        return radius * Math.cos(angle);
    }

    /** Stafford's "Mix13" finalizer, a bijection on 64-bit values. */
    private static long mix64(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
