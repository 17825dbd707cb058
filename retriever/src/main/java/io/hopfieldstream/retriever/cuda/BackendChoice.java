package io.hopfieldstream.retriever.cuda;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The value of {@code --backend}: a backend, or {@code auto} to pick one from what is present.
 */
public enum BackendChoice {
    AUTO("auto"),
    CPU("cpu"),
    ND4J_CUDA("nd4j-cuda"),
    CUDA("cuda");

    private final String option;

    BackendChoice(String option) {
        this.option = option;
    }

    /** The spelling on the command line. */
    public String option() {
        return option;
    }

    /**
     * Parses a command-line value, ignoring case.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static BackendChoice parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (BackendChoice choice : values()) {
            if (choice.option.equals(wanted)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("invalid backend '" + value + "': expected one of "
                + Arrays.stream(values()).map(BackendChoice::option).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return option;
    }
}
