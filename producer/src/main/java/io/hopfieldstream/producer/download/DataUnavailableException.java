package io.hopfieldstream.producer.download;

import java.util.List;

/**
 * Raised when no CIFAR-10 data can be found or downloaded. The message is written for the user and states what
 * failed and where to put the archive, so callers print the message alone, without a stack trace.
 */
public class DataUnavailableException extends RuntimeException {

    private final List<String> searched;

    /** Creates the error with the places searched, in lookup order. */
    public DataUnavailableException(String message, List<String> searched, Throwable cause) {
        super(message, cause);
        this.searched = List.copyOf(searched);
    }

    /** Returns the places searched, in lookup order. */
    public List<String> searched() {
        return searched;
    }
}
