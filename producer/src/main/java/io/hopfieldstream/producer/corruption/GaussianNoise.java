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
        for (int channel = 0; channel < CorruptionCanvas.CHANNELS; channel++) {
            for (int pixel = 0; pixel < CorruptionCanvas.PLANE_SIZE; pixel++) {
                if (canvas.isKnown(pixel)) {
                    double noisy = canvas.value(channel, pixel) + sigma * random.nextGaussian();
                    canvas.setValue(channel, pixel, Math.round(noisy));
                }
            }
        }
    }
}
