package io.hopfieldstream.evaluator.scoring;

/**
 * Raised for a reconstruction that cannot be scored. The evaluator sends such a record to the dead-letter topic
 * with {@link #reason()} and goes on with the next one.
 */
public class RejectedReconstructionException extends RuntimeException {

    private final RejectionReason reason;

    public RejectedReconstructionException(RejectionReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
