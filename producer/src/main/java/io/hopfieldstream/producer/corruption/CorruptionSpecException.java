package io.hopfieldstream.producer.corruption;

/** Raised for a corruption spec that cannot be parsed; the message names the spec, the bad part and the syntax. */
public class CorruptionSpecException extends IllegalArgumentException {

    /** Creates the error. */
    public CorruptionSpecException(String message) {
        super(message);
    }
}
