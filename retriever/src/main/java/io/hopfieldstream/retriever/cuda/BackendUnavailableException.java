package io.hopfieldstream.retriever.cuda;

/**
 * A retrieval backend that was asked for but cannot run here (no driver, no CUDA library, no
 * device, or a device the backend has no code for). The message is one sentence for the user,
 * naming what is missing and what to choose instead; the command line prints it and exits with
 * {@link #EXIT_CODE}.
 */
public final class BackendUnavailableException extends RuntimeException {

    /** Process exit code for an unusable backend choice, the code for invalid usage. */
    public static final int EXIT_CODE = 2;

    public BackendUnavailableException(String message) {
        super(message);
    }
}
