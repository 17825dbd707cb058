package io.hopfieldstream.evaluator.topology;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs warnings and errors at most {@code maxPerInterval} times per interval and counts the rest. The first
 * message of a new interval is preceded by one line saying how many were left out in the one before.
 */
public final class RateLimitedLog {

    /** Messages logged per interval by default. */
    public static final int DEFAULT_MAX_PER_INTERVAL = 20;

    /** Default interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final Logger log;
    private final int maxPerInterval;
    private final long intervalNanos;
    private final LongSupplier nanoClock;

    private long intervalStartNanos;
    private int loggedInInterval;
    private long suppressedInInterval;

    public RateLimitedLog(Logger log) {
        this(log, DEFAULT_MAX_PER_INTERVAL, DEFAULT_INTERVAL, System::nanoTime);
    }

    RateLimitedLog(Logger log, int maxPerInterval, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.maxPerInterval = maxPerInterval;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.intervalStartNanos = nanoClock.getAsLong();
    }

    /**
     * Logs a warning unless this interval's share is used up.
     *
     * @return whether the warning was logged
     */
    public boolean warn(String format, Object... arguments) {
        return log(false, format, arguments);
    }

    /**
     * Logs an error unless this interval's share is used up. A last argument that is a Throwable is logged with
     * its stack trace.
     *
     * @return whether the error was logged
     */
    public boolean error(String format, Object... arguments) {
        return log(true, format, arguments);
    }

    private synchronized boolean log(boolean error, String format, Object... arguments) {
        long now = nanoClock.getAsLong();
        if (now - intervalStartNanos >= intervalNanos) {
            if (suppressedInInterval > 0) {
                log.warn("Left out {} similar messages in the last {} s", suppressedInInterval,
                        Duration.ofNanos(now - intervalStartNanos).toSeconds());
            }
            intervalStartNanos = now;
            loggedInInterval = 0;
            suppressedInInterval = 0;
        }

        if (loggedInInterval >= maxPerInterval) {
            suppressedInInterval++;
            return false;
        }
        loggedInInterval++;
        if (error) {
            log.error(format, arguments);
        } else {
            log.warn(format, arguments);
        }
        return true;
    }
}
