package io.hopfieldstream.launcher.experiment.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Formats numbers for tables and CSV files the same way everywhere, independent of the default locale. */
final class Numbers {

    private Numbers() {
    }

    /** Formats with a fixed number of decimals, for example {@code fixed(0.98765, 3)} is "0.988"; NaN is "". */
    static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Formats a difference with its sign, for example "+0.012" or "-0.040". */
    static String signed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "";
        }
        return String.format(Locale.ROOT, "%+." + decimals + "f", value);
    }

    /** Formats without trailing zeros, for example 32 or 0.95. */
    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Formats a whole number with thousands separators, for example "50,000". */
    static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Formats a value for CSV: full precision, NaN as empty. */
    static String csv(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }
}
