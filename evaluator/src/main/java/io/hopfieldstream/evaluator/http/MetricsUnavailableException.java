package io.hopfieldstream.evaluator.http;

/** Raised when the metrics cannot be read now, so the server responds 503 and the client may retry. */
public class MetricsUnavailableException extends RuntimeException {

    public MetricsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
