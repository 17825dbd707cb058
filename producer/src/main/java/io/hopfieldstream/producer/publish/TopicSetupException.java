package io.hopfieldstream.producer.publish;

/** Raised when topics cannot be listed or created; the message names the topic and the broker's error. */
public class TopicSetupException extends RuntimeException {

    /** Creates the error. */
    public TopicSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
