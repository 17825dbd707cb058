package io.hopfieldstream.producer.corruption;

/**
 * Additive Gaussian noise: each known value becomes {@code clip(round(v + sigma * z), 0, 255)} with
 * {@code z} standard normal, drawn independently per value (channel by channel).
 *
 * @param sigma standard deviation of the noise in pixel levels, 0..255
 */
public record GaussianNoise(double sigma) implements CorruptionStep {

    /** Spec name. */
    public static final String NAME = "gaussian";

    /** Validates sigma. */
    public GaussianNoise {
        if (!(sigma >= 0.0 && sigma <= 255.0)) {
            throw new IllegalArgumentException("gaussian sigma must be within 0..255 pixel levels, got " + sigma);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double level() {
        return sigma;
    }

    @Override
    public boolean isMask() {
        return false;
    }

    @Override
    public void apply(CorruptionCanvas canvas, ProbeRandom random) {
        byte[] values = canvas.values();
        boolean fullyKnown = canvas.isFullyKnown();
        for (int i = 0; i < values.length; i++) {
            if (fullyKnown || canvas.isKnown(i % CorruptionCanvas.PLANE_SIZE)) {
                values[i] = addNoise(values[i], random);
            }
        }
    }

    private byte addNoise(byte value, ProbeRandom random) {
        double noisy = (value & 0xFF) + sigma * random.nextGaussian();
        long rounded = (long) Math.floor(noisy + 0.5);
        return (byte) Math.max(0, Math.min(255, rounded));
    }
}
