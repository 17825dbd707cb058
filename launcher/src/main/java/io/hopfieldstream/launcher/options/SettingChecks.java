package io.hopfieldstream.launcher.options;

import io.hopfieldstream.launcher.InvalidSettingException;
import java.time.Duration;

/** Range checks that the commands share, with the option name in every message. */
public final class SettingChecks {

    private SettingChecks() {
    }

    /** Rejects a duration outside {@code min..max}, naming the option and the range in milliseconds. */
    public static void checkDuration(String option, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidSettingException("Invalid " + option + " " + value.toMillis() + " ms: expected "
                    + min.toMillis() + " ms to " + max.toMillis() + " ms");
        }
    }

    /**
     * Turns a settings record's "Invalid beta ..." message into "Invalid --beta ...", so the user sees
     * the option to change.
     */
    public static InvalidSettingException asOptionError(IllegalArgumentException error) {
        return new InvalidSettingException(error.getMessage().replaceFirst("^Invalid ", "Invalid --"), error);
    }
}
