package io.hopfieldstream.launcher.stress;

import java.util.Locale;

/**
 * An offered rate in probes per second, either absolute ({@code 450}) or a multiple of the kernel
 * rate measured at the start of the same run ({@code 1.2x}). Zero means as fast as the producer
 * sends.
 *
 * @param value probes per second, or the multiple of the kernel rate when {@code relative}
 * @param relative whether {@code value} multiplies the measured kernel rate
 */
public record RateSpec(double value, boolean relative) {

    /** As fast as the producer sends. */
    public static final RateSpec UNLIMITED = new RateSpec(0.0, false);

    public RateSpec {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Invalid rate " + value + ": expected a finite number >= 0");
        }
    }

    /**
     * Parses "450" (probes per second), "1.2x" (a multiple of the kernel rate) or "max" (unlimited).
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    public static RateSpec parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("max") || trimmed.equals("unlimited")) {
            return UNLIMITED;
        }
        boolean relative = trimmed.endsWith("x");
        String number = relative ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid rate '" + text + "': expected probes per second such as 450,"
                    + " a multiple of the kernel rate such as 1.2x, or max");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Invalid rate '" + text + "': expected a positive finite number, such as"
                    + " 450 or 1.2x, or max for as fast as the producer sends");
        }
        return new RateSpec(value, relative);
    }

    /**
     * Returns the rate in probes per second.
     *
     * @param kernelImagesPerSecond the kernel rate measured in this run, or NaN when none was measured
     * @throws IllegalStateException when the rate is relative and no kernel rate is known
     */
    public double resolve(double kernelImagesPerSecond) {
        if (!relative) {
            return value;
        }
        if (!(kernelImagesPerSecond > 0)) {
            throw new IllegalStateException("Rate " + this + " is relative to the kernel rate, but no kernel rate"
                    + " was measured; give --kernel-seconds > 0 or an absolute rate");
        }
        return value * kernelImagesPerSecond;
    }

    @Override
    public String toString() {
        if (relative) {
            return trimmed(value) + "x";
        }
        return value == 0 ? "max" : trimmed(value);
    }

    private static String trimmed(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }
}
