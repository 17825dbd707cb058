package io.hopfieldstream.producer.corruption;

/**
 * Hides the lower or the upper half of the image: rows 16..31 for {@code lower-half}, rows 0..15 for
 * {@code upper-half}. Its level is the hidden share of the area, 0.5.
 *
 * @param half which half to hide
 */
public record HalfMask(Half half) implements CorruptionStep {

    /** The half of the image that a {@link HalfMask} hides. */
    public enum Half {
        /** Rows 16..31. */
        LOWER("lower-half"),
        /** Rows 0..15. */
        UPPER("upper-half");

        private final String specName;

        Half(String specName) {
            this.specName = specName;
        }

        /** Returns the spec name, "lower-half" or "upper-half". */
        public String specName() {
            return specName;
        }
    }

    @Override
    public String name() {
        return half.specName();
    }

    @Override
    public double level() {
        return 0.5;
    }

    @Override
    public boolean isMask() {
        return true;
    }

    @Override
    public String spec() {
        return name();
    }

    @Override
    public void apply(CorruptionCanvas canvas, ProbeRandom random) {
        int rows = CorruptionCanvas.SIDE / 2;
        int top = half == Half.LOWER ? rows : 0;
        canvas.hideRectangle(top, 0, rows, CorruptionCanvas.SIDE);
    }
}
