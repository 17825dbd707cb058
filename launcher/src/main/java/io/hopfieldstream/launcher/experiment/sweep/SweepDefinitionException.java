package io.hopfieldstream.launcher.experiment.sweep;

/**
 * A sweep file or sweep option is invalid. The message names the file, the place in it (for example
 * {@code series[2] 'noise' > vary > beta[3]}) and what is wrong.
 */
public final class SweepDefinitionException extends IllegalArgumentException {

    public SweepDefinitionException(String message) {
        super(message);
    }

    public SweepDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
