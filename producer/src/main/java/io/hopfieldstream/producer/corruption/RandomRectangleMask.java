package io.hopfieldstream.producer.corruption;

/**
 * Hides a rectangle at a uniformly random position inside the image covering a share of its area, sized by
 * {@link RectangleShape}. With probability one half the rectangle is turned (rows and columns swapped), so
 * bands of both orientations occur.
 *
 * @param areaFraction share of the image area to hide, 0..1
 */
public record RandomRectangleMask(double areaFraction) implements CorruptionStep {

    /** Spec name. */
    public static final String NAME = "random-rectangle";

    /** Validates the fraction. */
    public RandomRectangleMask {
        CorruptionStep.checkFraction(NAME, areaFraction);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double level() {
        return areaFraction;
    }

    @Override
    public boolean isMask() {
        return true;
    }

    @Override
    public void apply(CorruptionCanvas canvas, ProbeRandom random) {
        RectangleShape shape = RectangleShape.forAreaFraction(areaFraction);
        boolean turned = random.nextBoolean();
        int height = turned ? shape.width() : shape.height();
        int width = turned ? shape.height() : shape.width();

        int top = random.nextInt(CorruptionCanvas.SIDE - height + 1);
        int left = random.nextInt(CorruptionCanvas.SIDE - width + 1);
        canvas.hideRectangle(top, left, height, width);
    }
}
