package io.hopfieldstream.launcher.stress;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints a line every interval in the style of Kafka's performance tools and keeps each line's
 * figures for the results and the plot. For example:
 * <pre>
 * [  35.0 s] step-2 @ 300/s: 1502 probes sent, 300.4 probes/s (0.94 MB/s), 1498 reconstructed, 299.6 images/s,
 *            lag 12, latency p50 212 ms, p99 655 ms so far
 * </pre>
 * (one line on the terminal). Probes count when the broker acknowledges them; reconstructions when
 * the tracker reads them; latency percentiles cover every reconstruction read since the start.
 */
final class LiveReporter implements AutoCloseable {

    /** Shortest time a line's rates may cover. */
    private static final double MIN_LINE_SECONDS = 0.05;

    private static final Logger log = LoggerFactory.getLogger(LiveReporter.class);

    private final PrintStream out;
    private final SendMeter meter;
    private final ReconstructionTracker tracker;
    private final ConsumerLag lag;
    private final long startNanos;
    private final List<StressResult.IntervalSample> samples = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stress-live-line");
        thread.setDaemon(true);
        return thread;
    });

    private volatile Phase phase;
    private long lastNanos;
    private long lastAcknowledged;
    private long lastBytes;
    private long lastEvaluated;
    private double intervalSeconds;
    private LatencyWindow window;

    /**
     * @param tracker the reconstruction tracker, or null when producer-only
     * @param lag the retriever group's lag, or null when producer-only
     * @param startNanos {@link System#nanoTime()} at the start of the run
     */
    LiveReporter(PrintStream out, SendMeter meter, ReconstructionTracker tracker, ConsumerLag lag, long startNanos) {
        this.out = out;
        this.meter = meter;
        this.tracker = tracker;
        this.lag = lag;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    /**
     * Starts printing every {@code intervalMillis}. The first line's rates count from here, not from
     * the start of the run, so the setup before the load does not dilute them.
     */
    void start(long intervalMillis) {
        synchronized (this) {
            intervalSeconds = intervalMillis / 1e3;
            window = tracker == null ? null : tracker.openWindow();
            lastNanos = System.nanoTime();
            SendMeter.Counts sent = meter.counts();
            lastAcknowledged = sent.acknowledged();
            lastBytes = sent.acknowledgedBytes();
            lastEvaluated = tracker == null ? 0 : tracker.counts().evaluated();
        }
        ticker.scheduleAtFixedRate(() -> report(MIN_LINE_SECONDS), intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Names the phase now running, for the following lines. */
    void phase(Phase running) {
        phase = running;
    }

    /**
     * Stops the ticker and prints a last line for the time since the previous one, unless that time is
     * under half an interval. The load has ended by then, so a rate over a sliver of time would mislead;
     * the summary that follows gives the totals.
     */
    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report(Math.max(MIN_LINE_SECONDS, intervalSeconds / 2));
        if (tracker != null && window != null) {
            tracker.closeWindow(window);
        }
    }

    /** Returns the lines' figures so far. */
    synchronized List<StressResult.IntervalSample> samples() {
        return List.copyOf(samples);
    }

    private synchronized void report(double minimumSeconds) {
        try {
            long now = System.nanoTime();
            double seconds = (now - lastNanos) / 1e9;
            if (seconds <= minimumSeconds) {
                return;
            }
            SendMeter.Counts sent = meter.counts();
            double sentRate = (sent.acknowledged() - lastAcknowledged) / seconds;
            double megabytes = (sent.acknowledgedBytes() - lastBytes) / seconds / 1e6;
            Phase current = phase;
            String phaseName = current == null ? "-" : current.name();
            double offered = current == null ? 0.0 : current.offeredRate();
            double time = (now - startNanos) / 1e9;

            StressResult.IntervalSample sample;
            if (tracker == null) {
                Histogram ack = meter.ackLatency();
                sample = new StressResult.IntervalSample(time, phaseName, offered, sentRate, megabytes, 0.0, -1, 0, 0,
                        ack.getValueAtPercentile(50), ack.getValueAtPercentile(99));
                out.println(String.format(Locale.ROOT,
                        "[%6.1f s] %s @ %s: %d probes sent, %.1f probes/s (%.2f MB/s), %d failed, ack latency p50 %d ms,"
                                + " p99 %d ms so far", time, phaseName, rateText(offered), sent.acknowledged(),
                        sentRate, megabytes, sent.failed(), sample.p50SoFar(), sample.p99SoFar()));
            } else {
                ReconstructionTracker.Counts read = tracker.counts();
                double evaluatedRate = (read.evaluated() - lastEvaluated) / seconds;
                Histogram interval = tracker.closeWindow(window);
                window = tracker.openWindow();
                Histogram total = tracker.totalLatency();
                long currentLag = lag == null ? -1 : lag.current();
                sample = new StressResult.IntervalSample(time, phaseName, offered, sentRate, megabytes, evaluatedRate,
                        currentLag, percentile(interval, 50), percentile(interval, 99), percentile(total, 50),
                        percentile(total, 99));
                out.println(String.format(Locale.ROOT,
                        "[%6.1f s] %s @ %s: %d probes sent, %.1f probes/s (%.2f MB/s), %d reconstructed, %.1f images/s,"
                                + " %d dead-lettered, lag %s, latency p50 %d ms, p99 %d ms so far", time, phaseName,
                        rateText(offered), sent.acknowledged(), sentRate, megabytes, read.evaluated(), evaluatedRate,
                        read.deadLettered(), currentLag < 0 ? "unknown" : String.valueOf(currentLag),
                        sample.p50SoFar(), sample.p99SoFar()));
                lastEvaluated = read.evaluated();
            }
            samples.add(sample);
            lastNanos = now;
            lastAcknowledged = sent.acknowledged();
            lastBytes = sent.acknowledgedBytes();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Failed to print the live line: {}", e.toString());
        }
    }

    /** Formats an offered rate: "300/s", or "max" for unlimited. */
    static String rateText(double rate) {
        return rate <= 0 ? "max" : String.format(Locale.ROOT, "%.0f/s", rate);
    }

    private static long percentile(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }
}
