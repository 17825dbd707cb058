package io.hopfieldstream.producer.corruption;

/**
 * Salt-and-pepper noise: exactly {@code round(fraction * known pixels)} known pixels, chosen uniformly, turn
 * black (0 in all channels) or white (255 in all channels) with equal probability.
 *
 * @param fraction share of the known pixels to change, 0..1
 */
public record SaltAndPepper(double fraction) implements CorruptionStep {

    /** Spec name. */
    public static final String NAME = "salt-and-pepper";

    /** Validates the fraction. */
    public SaltAndPepper {
        CorruptionStep.checkFraction(NAME, fraction);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double level() {
        return fraction;
    }

    @Override
    public boolean isMask() {
        return false;
    }

    @Override
    public void apply(CorruptionCanvas canvas, ProbeRandom random) {
        int[] candidates = canvas.knownPixels();
        int count = (int) Math.round(fraction * candidates.length);
        CorruptionStep.shuffleFirst(candidates, count, random);

        for (int i = 0; i < count; i++) {
            int value = random.nextBoolean() ? 255 : 0;
            for (int channel = 0; channel < CorruptionCanvas.CHANNELS; channel++) {
                canvas.setValue(channel, candidates[i], value);
            }
        }
    }
}
