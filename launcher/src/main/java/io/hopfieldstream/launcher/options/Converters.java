package io.hopfieldstream.launcher.options;

import io.hopfieldstream.producer.corruption.CorruptionSpec;
import io.hopfieldstream.producer.dataset.CifarSplit;
import io.hopfieldstream.producer.publish.SampleOrder;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** picocli converters for the project's option types; each failure names the accepted syntax. */
public final class Converters {

    private Converters() {
    }

    /** Parses "test" or "train". */
    public static final class SplitConverter implements CommandLine.ITypeConverter<CifarSplit> {
        @Override
        public CifarSplit convert(String value) {
            try {
                return CifarSplit.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a split: expected test or train");
            }
        }
    }

    /** Parses "first" or "random". */
    public static final class OrderConverter implements CommandLine.ITypeConverter<SampleOrder> {
        @Override
        public SampleOrder convert(String value) {
            try {
                return SampleOrder.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an order: expected first or random");
            }
        }
    }

    /** Parses a corruption specification such as "gaussian:25" or "gaussian:10+lower-half". */
    public static final class CorruptionConverter implements CommandLine.ITypeConverter<CorruptionSpec> {
        @Override
        public CorruptionSpec convert(String value) {
            try {
                return CorruptionSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * Parses a duration as a number with a unit, "500ms", "30s", "2m" or "1h", or in ISO-8601
     * form such as "PT30S". A bare number is in seconds.
     */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

        private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            Matcher matcher = AMOUNT_AND_UNIT.matcher(text);
            if (matcher.matches()) {
                double amount = Double.parseDouble(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                double millis = switch (unit) {
                    case "ms" -> amount;
                    case "m" -> amount * 60_000;
                    case "h" -> amount * 3_600_000;
                    default -> amount * 1_000;
                };
                return Duration.ofMillis(Math.round(millis));
            }
            try {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a duration: expected a number with a unit (500ms, 30s, 2m, 1h) or ISO-8601 (PT30S)");
            }
        }
    }
}
