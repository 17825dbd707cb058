package io.hopfieldstream.broker.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Kind of Kafka broker that {@link KafkaBrokerExtension} gives the tests.
 *
 * <p>Selected with the system property {@value #PROPERTY} or, when that is unset, the
 * environment variable {@value #ENVIRONMENT_VARIABLE}; the value is {@code embedded},
 * {@code testcontainers} or {@code auto} (the default).
 */
public enum BrokerKind {

    /** A KRaft broker inside the test JVM. */
    EMBEDDED,

    /** An {@code apache/kafka} container started by Testcontainers; needs a Docker engine. */
    TESTCONTAINERS,

    /** Testcontainers when a Docker engine is available, otherwise the embedded broker. */
    AUTO;

    /** System property that selects the broker kind. */
    public static final String PROPERTY = "hopfield.test.broker";

    /** Environment variable read when the system property is unset. */
    public static final String ENVIRONMENT_VARIABLE = "HOPFIELD_TEST_BROKER";

    /** Returns the kind selected by the system property, else the environment, else {@link #AUTO}. */
    public static BrokerKind selected() {
        String value = System.getProperty(PROPERTY);
        String source = "system property " + PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT_VARIABLE);
            source = "environment variable " + ENVIRONMENT_VARIABLE;
        }
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        return parse(value, source);
    }

    /**
     * Parses {@code embedded}, {@code testcontainers} or {@code auto}, ignoring case and
     * surrounding blanks.
     *
     * @param source where the value came from, named in the error message
     * @throws IllegalArgumentException for any other value
     */
    public static BrokerKind parse(String value, String source) {
        String normalized = value.trim().toUpperCase(Locale.ROOT);
        for (BrokerKind kind : values()) {
            if (kind.name().equals(normalized)) {
                return kind;
            }
        }
        String accepted = Arrays.stream(values())
                .map(kind -> kind.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("Invalid Kafka test broker kind '" + value + "' in " + source
                + "; expected one of: " + accepted);
    }
}
