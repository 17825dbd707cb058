package io.hopfieldstream.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Adjusts Logback levels at run time for commands that print their own progress. */
public final class LogLevels {

    /** Environment variable that sets the project's log level; when set, nothing here changes it. */
    static final String LEVEL_VARIABLE = "HOPFIELD_LOG_LEVEL";

    /** System property with the same meaning as {@link #LEVEL_VARIABLE}. */
    static final String LEVEL_PROPERTY = "hopfield.log.level";

    /**
     * Kafka's logger prefixes. The broker's own packages are listed too because the embedded
     * broker lowers each of them to WARN at start when it has no level of its own.
     */
    private static final List<String> KAFKA_LOGGERS = List.of("org.apache.kafka", "kafka", "state.change.logger",
            "org.apache.kafka.controller", "org.apache.kafka.coordinator", "org.apache.kafka.image",
            "org.apache.kafka.metadata", "org.apache.kafka.raft", "org.apache.kafka.server",
            "org.apache.kafka.storage");

    private LogLevels() {
    }

    /**
     * Lowers the project's services to WARN and Kafka's clients and embedded broker to ERROR, so
     * their start, progress and recoverable-retry lines do not interleave with a command's own
     * output, unless the user chose a level.
     */
    public static void quietServices() {
        if (System.getenv(LEVEL_VARIABLE) != null || System.getProperty(LEVEL_PROPERTY) != null) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.getLogger("io.hopfieldstream").setLevel(Level.WARN);
            for (String kafkaLogger : KAFKA_LOGGERS) {
                context.getLogger(kafkaLogger).setLevel(Level.ERROR);
            }
        }
    }
}
