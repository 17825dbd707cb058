package io.hopfieldstream.schemas.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client properties merged from four sources, each overriding the ones before it:
 * <ol>
 *   <li>the service's defaults;</li>
 *   <li>a Java properties file, as for Kafka's own {@code --command-config} (ISO 8859-1, {@code \\u}
 *       escapes allowed);</li>
 *   <li>environment variables starting with {@code KAFKA_}: the prefix is removed, the rest
 *       lower-cased, and each {@code _} becomes {@code .}, {@code __} becomes {@code _} and
 *       {@code ___} becomes {@code -}, as in the {@code apache/kafka} container image, so
 *       {@code KAFKA_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}. The variables that Kafka's
 *       start scripts read for the JVM ({@link #IGNORED_ENVIRONMENT}) are skipped;</li>
 *   <li>{@code key=value} options, for example from the command line.</li>
 * </ol>
 * Values pass through unchanged, so TLS and SASL settings reach the client as given. Use
 * {@link #redacted()} or {@link #toString()} to log them: both hide passwords, secrets, credentials,
 * private keys and JAAS configurations. Instances are immutable.
 */
public final class KafkaProperties {

    /** Prefix of the environment variables read as client properties. */
    public static final String ENVIRONMENT_PREFIX = "KAFKA_";

    /** {@code KAFKA_*} variables that Kafka's scripts use for the JVM or the installation, never client properties. */
    public static final Set<String> IGNORED_ENVIRONMENT = Set.of("KAFKA_HOME", "KAFKA_OPTS", "KAFKA_HEAP_OPTS",
            "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_GC_LOG_OPTS", "KAFKA_LOG4J_OPTS", "KAFKA_JMX_OPTS", "KAFKA_DEBUG",
            "KAFKA_LOG_DIR");

    /** Replacement text for secret values in {@link #redacted()}. */
    public static final String HIDDEN = "[hidden]";

    private static final List<String> SECRET_KEY_PARTS = List.of("password", "secret", "jaas.config", "credentials",
            "user.info");

    private final Map<String, Object> values;
    private final Map<String, String> sources;

    private KafkaProperties(Map<String, Object> values, Map<String, String> sources) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
    }

    /** Starts an empty set of sources. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the merged properties, sorted by key, for a Kafka client constructor. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Returns a mutable copy of the merged properties. */
    public Properties toProperties() {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    /** Returns the value of one property as text, or empty when no source sets it. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).map(String::valueOf);
    }

    /**
     * Returns where a property's value came from: {@code default}, {@code file <path>},
     * {@code environment <variable>} or {@code option}; empty when no source sets it.
     */
    public Optional<String> source(String key) {
        return Optional.ofNullable(sources.get(key));
    }

    /** Returns the properties as text with the values of secret keys replaced by {@link #HIDDEN}, for logs. */
    public Map<String, String> redacted() {
        Map<String, String> redacted = new TreeMap<>();
        values.forEach((key, value) -> redacted.put(key, isSecret(key) ? HIDDEN : String.valueOf(value)));
        return redacted;
    }

    /** Returns {@link #redacted()} as text, so that logging this object shows no secret. */
    @Override
    public String toString() {
        return redacted().toString();
    }

    /** Returns whether a property's value is hidden in logs: passwords, secrets, credentials, private keys and JAAS configurations. */
    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_KEY_PARTS.stream().anyMatch(lower::contains) || lower.endsWith(".key");
    }

    /**
     * Maps an environment variable name to a property key, or returns empty when the variable is not a
     * client property (no {@code KAFKA_} prefix, nothing after it, or one of {@link #IGNORED_ENVIRONMENT}).
     *
     * @throws IllegalArgumentException if the name has a run of four or more underscores
     */
    static Optional<String> propertyKey(String variable) {
        if (!variable.startsWith(ENVIRONMENT_PREFIX) || IGNORED_ENVIRONMENT.contains(variable)) {
            return Optional.empty();
        }
        String rest = variable.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT);
        if (rest.isEmpty()) {
            return Optional.empty();
        }

        StringBuilder key = new StringBuilder(rest.length());
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c != '_') {
                key.append(c);
                i++;
                continue;
            }
            int run = 0;
            while (i < rest.length() && rest.charAt(i) == '_') {
                run++;
                i++;
            }
            key.append(switch (run) {
                case 1 -> '.';
                case 2 -> '_';
                case 3 -> '-';
                default -> throw new IllegalArgumentException("Invalid Kafka environment variable " + variable
                        + ": a run of " + run + " underscores; use _ for '.', __ for '_' and ___ for '-'");
            });
        }
        return Optional.of(key.toString());
    }

    /** Collects the sources in any order; {@link #build()} applies them by precedence. */
    public static final class Builder {

        private final Map<String, Object> defaults = new LinkedHashMap<>();
        private Path file;
        private Map<String, String> environment = Map.of();
        private List<String> options = List.of();

        private Builder() {
        }

        /** Adds defaults, the lowest precedence; later calls override earlier ones. */
        public Builder defaults(Map<String, ?> values) {
            values.forEach(this::defaultValue);
            return this;
        }

        /** Adds one default. */
        public Builder defaultValue(String key, Object value) {
            defaults.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets the properties file, or none when {@code path} is null. */
        public Builder file(Path path) {
            this.file = path;
            return this;
        }

        /** Sets the environment to read {@code KAFKA_*} variables from, usually {@code System.getenv()}. */
        public Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        /** Sets the {@code key=value} options, the highest precedence; a later option overrides an earlier one. */
        public Builder options(List<String> keyValues) {
            this.options = List.copyOf(keyValues);
            return this;
        }

        /**
         * Merges the sources.
         *
         * @throws IllegalArgumentException if the file is missing or unreadable, an option is not
         *     {@code key=value}, or an environment variable name is invalid
         */
        public KafkaProperties build() {
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, String> sources = new LinkedHashMap<>();

            defaults.forEach((key, value) -> put(values, sources, key, value, "default"));

            if (file != null) {
                readFile(file).forEach((key, value) -> put(values, sources, key, value, "file " + file));
            }

            new TreeMap<>(environment).forEach((variable, value) -> propertyKey(variable)
                    .ifPresent(key -> put(values, sources, key, value, "environment " + variable)));

            for (String option : options) {
                int equals = option.indexOf('=');
                String key = equals < 0 ? "" : option.substring(0, equals).trim();
                if (equals < 0 || key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("Invalid Kafka property option '" + option
                            + "': expected key=value, for example bootstrap.servers=localhost:9092");
                }
                put(values, sources, key, option.substring(equals + 1), "option");
            }

            return new KafkaProperties(values, sources);
        }

        private static void put(Map<String, Object> values, Map<String, String> sources, String key, Object value,
                String source) {
            values.put(key, value);
            sources.put(key, source);
        }

        private static Map<String, String> readFile(Path path) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(path)) {
                properties.load(in);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("Kafka properties file not found: " + path, e);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("Failed to read Kafka properties file " + path + ": " + e.getMessage(), e);
            }

            Map<String, String> values = new TreeMap<>();
            properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
            return values;
        }
    }
}
