package io.hopfieldstream.producer.publish;

import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a progress line at most once per interval: records sent and acknowledged so far, and the acknowledged
 * images/s and MB/s since the previous line. MB are 10^6 bytes of serialized keys and values.
 */
final class ProgressLog {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final String label;
    private final DeliveryTracker tracker;
    private final long intervalNanos;
    private final Ticker ticker;
    private long lastNanos;
    private long lastAcknowledged;
    private long lastBytes;

    ProgressLog(String label, DeliveryTracker tracker, Duration interval, Ticker ticker) {
        this.label = label;
        this.tracker = tracker;
        this.intervalNanos = interval.toNanos();
        this.ticker = ticker;
        this.lastNanos = ticker.nanoTime();
    }

    /** Logs a line when the interval has passed since the last one. */
    void maybeLog() {
        long now = ticker.nanoTime();
        if (now - lastNanos < intervalNanos) {
            return;
        }
        long acknowledged = tracker.acknowledged();
        long bytes = tracker.acknowledgedBytes();
        double seconds = (now - lastNanos) / 1e9;

        LOG.info("{}: {} sent, {} acknowledged, {} images/s, {} MB/s over the last {} s", label, tracker.sent(),
                acknowledged, format((acknowledged - lastAcknowledged) / seconds),
                format((bytes - lastBytes) / 1e6 / seconds), format(seconds));
        lastNanos = now;
        lastAcknowledged = acknowledged;
        lastBytes = bytes;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
