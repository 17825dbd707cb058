package io.hopfieldstream.broker;

import java.util.List;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Lowers the broker's own loggers to WARN when SLF4J is bound to Logback.
 *
 * <p>An in-process broker logs thousands of INFO lines at start and stop (each start prints its
 * full configuration several times), which bury the application's own lines. Only loggers
 * without a level set in the Logback configuration are changed, so a configuration file still
 * decides. With another SLF4J binding nothing changes. The client packages
 * ({@code org.apache.kafka.clients}) keep their level, but three loggers in
 * {@code org.apache.kafka.common} are shared with the clients, so client configuration dumps,
 * version banners and metrics shutdown lines go quiet too.
 */
final class BrokerLogLevels {

    /** Logger name prefixes of the broker, controller, storage and coordinators (Kafka 4.4). */
    static final List<String> BROKER_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.controller",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.image",
            "org.apache.kafka.metadata",
            "org.apache.kafka.network",
            "org.apache.kafka.queue",
            "org.apache.kafka.raft",
            "org.apache.kafka.security",
            "org.apache.kafka.server",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage",
            "org.apache.kafka.common.network",
            "org.apache.kafka.common.config.AbstractConfig",
            "org.apache.kafka.common.metrics.Metrics",
            "org.apache.kafka.common.utils.internals.AppInfoParser");

    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private BrokerLogLevels() {
    }

    /** Sets WARN on each broker logger that has no level of its own; returns how many changed. */
    static int quiet() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!factory.getClass().getName().equals(LOGBACK_CONTEXT)) {
            return 0;
        }
        return LogbackLevels.warnUnlessSet(factory, BROKER_LOGGERS);
    }

    /** Touches Logback classes; loaded only after the binding was found to be Logback. */
    private static final class LogbackLevels {

        static int warnUnlessSet(ILoggerFactory factory, List<String> names) {
            ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext) factory;
            int changed = 0;
            for (String name : names) {
                ch.qos.logback.classic.Logger logger = context.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(ch.qos.logback.classic.Level.WARN);
                    changed++;
                }
            }
            return changed;
        }
    }
}
