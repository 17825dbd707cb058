package io.hopfieldstream.launcher.experiment.run;

/** A point of a sweep could not be run or did not finish; the message gives the reason. The sweep goes on. */
public final class PointFailedException extends RuntimeException {

    public PointFailedException(String message) {
        super(message);
    }

    public PointFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
