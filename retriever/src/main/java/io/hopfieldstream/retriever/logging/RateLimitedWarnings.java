package io.hopfieldstream.retriever.logging;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs warnings at most {@code limit} times per interval, so a flood of bad records cannot flood
 * the log. The first warning of a later interval is preceded by a line with the number left out;
 * callers count every warning in their metrics, which stay exact when no later warning comes.
 * Thread-safe.
 */
public final class RateLimitedWarnings {

    private final Logger log;
    private final int limit;
    private final long intervalNanos;
    private final LongSupplier nanoClock;

    private long intervalStart;
    private int logged;
    private long suppressed;

    /**
     * @param log where the warnings go
     * @param limit warnings logged per interval, at least 1
     * @param interval length of one interval
     */
    public RateLimitedWarnings(Logger log, int limit, Duration interval) {
        this(log, limit, interval, System::nanoTime);
    }

    RateLimitedWarnings(Logger log, int limit, Duration interval, LongSupplier nanoClock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.log = log;
        this.limit = limit;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.intervalStart = nanoClock.getAsLong();
    }

    /**
     * Logs a warning with SLF4J placeholders unless this interval's limit is spent.
     *
     * @return whether the warning was logged
     */
    public synchronized boolean warn(String format, Object... arguments) {
        long now = nanoClock.getAsLong();
        if (now - intervalStart >= intervalNanos) {
            if (suppressed > 0) {
                log.warn("Left out {} similar warnings in the last {} s", suppressed, intervalNanos / 1_000_000_000L);
            }
            intervalStart = now;
            logged = 0;
            suppressed = 0;
        }

        if (logged >= limit) {
            suppressed++;
            return false;
        }
        logged++;
        log.warn(format, arguments);
        return true;
    }
}
