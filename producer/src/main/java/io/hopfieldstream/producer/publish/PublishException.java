package io.hopfieldstream.producer.publish;

/**
 * Raised when records could not be delivered to Kafka. The message gives the counts of records sent, acknowledged and
 * failed, and the cause is the first delivery error.
 */
public class PublishException extends RuntimeException {

    /** Creates the error. */
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
