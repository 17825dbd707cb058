package io.hopfieldstream.producer.publish;

/**
 * Paces events to a fixed rate on an absolute schedule: event {@code i} is due at {@code start + i / rate}.
 *
 * <p>Because each due time comes from the start time and not from the previous wait, a wait that overshoots
 * (thread wake-up latency) is made up by the following events, and the long-run rate does not drift. When
 * the caller falls behind (a slow send, a pause), the schedule moves forward so that at most {@code maxBurst}
 * events pass without waiting, as a token bucket of that capacity would allow.
 */
public final class RateLimiter {

    private final Ticker ticker;
    private final double intervalNanos;
    private final double maxLagNanos;
    private long originNanos;
    private double nextDueNanos;
    private boolean started;

    /**
     * Creates a limiter.
     *
     * @param ratePerSecond events per second, positive and finite
     * @param maxBurst      maximum events that pass without waiting after the caller fell behind, at least 1
     * @param ticker        clock to pace on
     */
    public RateLimiter(double ratePerSecond, int maxBurst, Ticker ticker) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("Rate must be positive and finite, got " + ratePerSecond);
        }
        if (maxBurst < 1) {
            throw new IllegalArgumentException("Maximum burst must be at least 1, got " + maxBurst);
        }
        this.ticker = ticker;
        this.intervalNanos = 1e9 / ratePerSecond;
        this.maxLagNanos = (maxBurst - 1) * intervalNanos;
    }

    /** Waits until the next event is due. The first call returns at once and starts the schedule. */
    public void acquire() {
        if (!started) {
            started = true;
            originNanos = ticker.nanoTime();
            nextDueNanos = intervalNanos;
            return;
        }
        // Offsets from the origin keep full double precision however long the JVM has run.
        double now = ticker.nanoTime() - originNanos;
        if (now - nextDueNanos > maxLagNanos) {
            nextDueNanos = now - maxLagNanos;
        }
        while (now < nextDueNanos) {
            ticker.waitNanos((long) Math.ceil(nextDueNanos - now));
            now = ticker.nanoTime() - originNanos;
        }
        nextDueNanos += intervalNanos;
    }
}
