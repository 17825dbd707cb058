package io.hopfieldstream.producer.corruption;

/**
 * The random generator of one probe's corruption: SplitMix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014) for uniform values and the ziggurat method (Marsaglia and
 * Tsang, "The Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000) for normal ones.
 *
 * <p>It is written out here instead of taken from {@code java.util} so that the same seed gives the same
 * corruption bytes on every JDK and platform, which replaying an experiment from its recorded seeds relies on.
 * For that reason the ziggurat tables and its rare slow path use {@link StrictMath}, whose results are
 * specified bit for bit.
 */
public final class ProbeRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;

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

    /**
     * Returns a standard normal value (mean 0, standard deviation 1). About 99% of calls take the ziggurat's
     * fast path: one 64-bit draw, a table lookup, a comparison and a multiplication.
     */
    public double nextGaussian() {
        return Ziggurat.sample(this);
    }

    /** Stafford's "Mix13" finalizer, a bijection on 64-bit values. */
    private static long mix64(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
