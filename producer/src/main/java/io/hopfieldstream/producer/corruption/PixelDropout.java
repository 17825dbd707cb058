package io.hopfieldstream.producer.corruption;

/**
 * Hides exactly {@code round(fraction * known pixels)} known pixels, chosen uniformly at random.
 *
 * @param fraction share of the known pixels to hide, 0..1
 */
public record PixelDropout(double fraction) implements CorruptionStep {

    /** Spec name. */
    public static final String NAME = "dropout";

    /** Validates the fraction. */
    public PixelDropout {
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
        return true;
    }

    @Override
    public void apply(CorruptionCanvas canvas, ProbeRandom random) {
        canvas.markMasked();
        int[] candidates = canvas.knownPixels();
        int count = (int) Math.round(fraction * candidates.length);
        CorruptionStep.shuffleFirst(candidates, count, random);

        for (int i = 0; i < count; i++) {
            canvas.hide(candidates[i]);
        }
    }
}
