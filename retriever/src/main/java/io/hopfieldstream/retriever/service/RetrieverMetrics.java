package io.hopfieldstream.retriever.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The retriever's counters and timers, registered with Micrometer under {@code hopfield.retriever.*},
 * plus plain totals for the progress line and for tests. Counts cover committed batches only: a
 * batch whose transaction aborted is counted when it commits on a later attempt.
 */
public final class RetrieverMetrics {

    private final Counter retrieved;
    private final Counter skipped;
    private final Counter batchesCommitted;
    private final Counter batchesAborted;
    private final Counter batchesAbandoned;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Counter revoked;
    private final Counter lost;
    private final Timer computeTimer;
    private final Timer writeTimer;

    private final AtomicLong retrievedTotal = new AtomicLong();
    private final AtomicLong rejectedTotal = new AtomicLong();
    private final AtomicLong skippedTotal = new AtomicLong();
    private final AtomicLong committedTotal = new AtomicLong();
    private final AtomicLong abortedTotal = new AtomicLong();
    private final AtomicLong revokedTotal = new AtomicLong();
    private final AtomicLong lostTotal = new AtomicLong();

    RetrieverMetrics(MeterRegistry registry) {
        retrieved = Counter.builder("hopfield.retriever.probes.retrieved")
                .description("Probes whose reconstruction was committed")
                .register(registry);
        skipped = Counter.builder("hopfield.retriever.probes.skipped")
                .description("Probes of other experiments that a replay read and skipped")
                .register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("hopfield.retriever.probes.rejected")
                    .description("Probe records sent to the dead-letter topic")
                    .tag("reason", reason.name())
                    .register(registry));
        }
        batchesCommitted = Counter.builder("hopfield.retriever.batches")
                .description("Batches by how their transaction ended")
                .tag("outcome", "committed")
                .register(registry);
        batchesAborted = Counter.builder("hopfield.retriever.batches")
                .description("Batches by how their transaction ended")
                .tag("outcome", "aborted")
                .register(registry);
        batchesAbandoned = Counter.builder("hopfield.retriever.batches")
                .description("Batches by how their transaction ended")
                .tag("outcome", "abandoned")
                .register(registry);
        revoked = Counter.builder("hopfield.retriever.partitions.revoked")
                .description("Probe partitions the group revoked from this member, stops included")
                .register(registry);
        lost = Counter.builder("hopfield.retriever.partitions.lost")
                .description("Probe partitions this member lost because the group moved on without it")
                .register(registry);
        computeTimer = Timer.builder("hopfield.retriever.batch.compute")
                .description("Time to retrieve one batch on the backend")
                .register(registry);
        writeTimer = Timer.builder("hopfield.retriever.batch.write")
                .description("Time to write and commit one batch's transaction")
                .register(registry);
    }

    void computed(long nanos) {
        computeTimer.record(nanos, TimeUnit.NANOSECONDS);
    }

    void committed(int retrievedProbes, Map<RejectReason, Integer> rejectedByReason, int skippedProbes, long writeNanos) {
        retrieved.increment(retrievedProbes);
        retrievedTotal.addAndGet(retrievedProbes);
        rejectedByReason.forEach((reason, count) -> {
            rejected.get(reason).increment(count);
            rejectedTotal.addAndGet(count);
        });
        skipped.increment(skippedProbes);
        skippedTotal.addAndGet(skippedProbes);
        batchesCommitted.increment();
        committedTotal.incrementAndGet();
        writeTimer.record(writeNanos, TimeUnit.NANOSECONDS);
    }

    void aborted() {
        batchesAborted.increment();
        abortedTotal.incrementAndGet();
    }

    void abandoned() {
        batchesAbandoned.increment();
    }

    void revoked(int partitions) {
        revoked.increment(partitions);
        revokedTotal.addAndGet(partitions);
    }

    void lost(int partitions) {
        lost.increment(partitions);
        lostTotal.addAndGet(partitions);
    }

    /** Returns the totals since start. */
    public Totals totals() {
        return new Totals(retrievedTotal.get(), rejectedTotal.get(), skippedTotal.get(), committedTotal.get(),
                abortedTotal.get(), revokedTotal.get(), lostTotal.get());
    }

    /**
     * Totals since start.
     *
     * @param retrieved probes whose reconstruction was committed
     * @param rejected probe records committed to the dead-letter topic
     * @param skipped probes of other experiments that a replay skipped
     * @param batchesCommitted transactions committed
     * @param batchesAborted transactions aborted; their probes were read again
     * @param partitionsRevoked probe partitions revoked by rebalances, including the revocation at a clean stop
     * @param partitionsLost probe partitions lost because the group moved on without this member
     */
    public record Totals(long retrieved, long rejected, long skipped, long batchesCommitted, long batchesAborted,
            long partitionsRevoked, long partitionsLost) {
    }
}
