package io.hopfieldstream.launcher.demo;

/** The demo could not finish: a component failed or the results did not arrive in time. */
public final class DemoFailedException extends RuntimeException {

    public DemoFailedException(String message) {
        super(message);
    }

    public DemoFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
