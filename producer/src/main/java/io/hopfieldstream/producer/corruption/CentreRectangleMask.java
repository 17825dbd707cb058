package io.hopfieldstream.producer.corruption;

/**
 * Hides a rectangle in the centre of the image (a cut-out) covering a share of its area, sized by
 * {@link RectangleShape}. When the free rows or columns are odd in number, the extra one is below or right.
 *
 * @param areaFraction share of the image area to hide, 0..1
 */
public record CentreRectangleMask(double areaFraction) implements CorruptionStep {

    /** Spec name. */
    public static final String NAME = "centre-rectangle";

    /** Validates the fraction. */
    public CentreRectangleMask {
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
        int top = (CorruptionCanvas.SIDE - shape.height()) / 2;
        int left = (CorruptionCanvas.SIDE - shape.width()) / 2;
        canvas.hideRectangle(top, left, shape.height(), shape.width());
    }
}
