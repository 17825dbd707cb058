package io.hopfieldstream.launcher;

/**
 * A setting was rejected after parsing, for example by a settings record of another module or
 * because a data file it names is missing. The CLI prints the message and exits with code 2.
 */
public final class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String message) {
        super(message);
    }

    public InvalidSettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
