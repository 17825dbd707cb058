package io.hopfieldstream.retriever.service;

import io.hopfieldstream.retriever.memory.MemoryVersion;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a progress line at a fixed interval while probes arrive: probes per second, batch compute
 * and write latency, and totals. Quiet intervals log nothing. Confined to the service thread.
 */
final class ProgressLog {

    private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

    private final long intervalNanos;
    private final RetrieverMetrics metrics;
    private final Supplier<MemoryVersion> memory;

    private long intervalStart = System.nanoTime();
    private long probes;
    private long batches;
    private long computeNanos;
    private long maxComputeNanos;
    private long writeNanos;

    ProgressLog(Duration interval, RetrieverMetrics metrics, Supplier<MemoryVersion> memory) {
        this.intervalNanos = interval.toNanos();
        this.metrics = metrics;
        this.memory = memory;
    }

    /** Records one committed batch. */
    void batch(int retrievedProbes, long batchComputeNanos, long batchWriteNanos) {
        probes += retrievedProbes;
        batches++;
        computeNanos += batchComputeNanos;
        maxComputeNanos = Math.max(maxComputeNanos, batchComputeNanos);
        writeNanos += batchWriteNanos;
    }

    /** Logs and resets when the interval has passed and a batch was committed in it. */
    void maybeLog() {
        long now = System.nanoTime();
        long elapsed = now - intervalStart;
        if (elapsed < intervalNanos) {
            return;
        }
        if (batches > 0) {
            RetrieverMetrics.Totals totals = metrics.totals();
            MemoryVersion current = memory.get();
            log.info("Progress: {} probes/s over {} s ({} probes in {} batches); batch compute mean {} ms, max {} ms;"
                            + " write mean {} ms; totals {} retrieved, {} rejected, {} skipped, {} aborted batches;"
                            + " memory {} patterns at version {}",
                    String.format("%.1f", probes * 1e9 / elapsed), String.format("%.1f", elapsed / 1e9), probes,
                    batches, millis(computeNanos / batches), millis(maxComputeNanos), millis(writeNanos / batches),
                    totals.retrieved(), totals.rejected(), totals.skipped(), totals.batchesAborted(), current.size(),
                    current.version());
        }
        intervalStart = now;
        probes = 0;
        batches = 0;
        computeNanos = 0;
        maxComputeNanos = 0;
        writeNanos = 0;
    }

    private static String millis(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }
}
