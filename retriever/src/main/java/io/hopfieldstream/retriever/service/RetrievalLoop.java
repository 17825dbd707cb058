package io.hopfieldstream.retriever.service;

import io.hopfieldstream.retriever.logging.RateLimitedWarnings;
import io.hopfieldstream.retriever.memory.MemoryBank;
import io.hopfieldstream.retriever.memory.MemoryVersion;
import io.hopfieldstream.retriever.retrieval.ProbeBatch;
import io.hopfieldstream.retriever.retrieval.RetrievalResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service thread's loop: gathers probes into batches, hands each batch to the compute thread,
 * keeps polling while it computes, and writes each finished batch in one transaction.
 *
 * <p>When a batch finishes and the next one is ready, the next one goes to the compute thread before
 * the finished one is written, so the backend computes while the transaction is written and
 * committed. At most two batches are in flight: one computing and one being written. Batches are
 * taken and written in order, so per partition they commit in offset order. When a transaction
 * aborts, the batch computing behind it is dropped too and both are read again. The transaction
 * opens only after its batch computed, so its length does not depend on the compute time, and the
 * consumer polls while a batch computes, so a slow batch never exceeds {@code max.poll.interval.ms}.
 *
 * <p>When the backend rejects a batch as invalid input, the loop retries its probes one at a time
 * and writes each probe that the backend still rejects to the dead-letter topic in the batch's
 * transaction, so one bad probe never stops the service. The consumer does not poll during that
 * retry, which lasts about as long as computing the batch once per probe.
 */
final class RetrievalLoop {

    private static final Logger log = LoggerFactory.getLogger(RetrievalLoop.class);

    /** Maximum time one poll blocks, so stop requests and the progress line are served promptly. */
    private static final Duration MAX_POLL = Duration.ofMillis(200);

    private final RetrieverSettings settings;
    private final ProbeIntake intake;
    private final ProbeChecks checks;
    private final MemoryBank memoryBank;
    private final ComputeThread compute;
    private final ProbeByProbeRetry retry;
    private final TransactionalWriter writer;
    private final BatchRecords output;
    private final RetrieverMetrics metrics;
    private final ProgressLog progress;
    private final RateLimitedWarnings rejections = new RateLimitedWarnings(log, 10, Duration.ofSeconds(10));

    private volatile boolean stopRequested;
    private volatile boolean haltRequested;
    private volatile long stopDeadlineNanos;

    private InFlight inFlight;
    private long batchNumber;

    RetrievalLoop(RetrieverSettings settings, ProbeIntake intake, ProbeChecks checks, MemoryBank memoryBank,
            ComputeThread compute, TransactionalWriter writer, BatchRecords output, RetrieverMetrics metrics) {
        this.settings = settings;
        this.intake = intake;
        this.checks = checks;
        this.memoryBank = memoryBank;
        this.compute = compute;
        this.retry = new ProbeByProbeRetry(compute);
        this.writer = writer;
        this.output = output;
        this.metrics = metrics;
        this.progress = new ProgressLog(settings.progressInterval(), metrics, memoryBank::current);
    }

    /** Asks the loop to finish the batch in flight within the timeout, then stop; callable from any thread. */
    void requestStop(Duration timeout) {
        stopDeadlineNanos = System.nanoTime() + timeout.toNanos();
        stopRequested = true;
        intake.wakeup();
    }

    /**
     * Asks the loop to stop as a crash would: the batch in flight finishes computing, its records are
     * sent but not committed, and the loop ends. Callable from any thread.
     */
    void requestHalt() {
        haltRequested = true;
        intake.wakeup();
    }

    boolean isRunning() {
        return !stopRequested && !haltRequested;
    }

    /**
     * Runs until a stop or halt request, or a failure.
     *
     * @throws TransactionalWriter.HaltRequested when halted
     * @throws TransactionalWriter.FatalWriteException when the producer cannot continue
     * @throws BackendFailure when the backend failed on a batch for a reason other than invalid input
     */
    void run() throws InterruptedException {
        while (true) {
            if (haltRequested && inFlight == null) {
                throw new TransactionalWriter.HaltRequested();
            }
            if (stopRequested && !haltRequested) {
                finishForStop();
                return;
            }

            if (inFlight == null && !haltRequested && intake.batchReady(System.nanoTime())) {
                inFlight = startBatch();
            }
            if (inFlight != null && inFlight.result.isDone()) {
                InFlight finished = inFlight;
                inFlight = null;
                boolean computed = !finished.result.isCompletedExceptionally();
                if (computed && !haltRequested && !stopRequested && intake.batchReady(System.nanoTime())) {
                    inFlight = startBatch();
                }
                writeBatch(finished);
                continue;
            }

            Duration timeout = inFlight != null ? MAX_POLL : intake.timeUntilReady(System.nanoTime(), MAX_POLL);
            try {
                intake.poll(timeout);
            } catch (WakeupException e) {
                // A batch finished, or a stop or halt was requested: the next pass looks at each.
            }
            progress.maybeLog();
        }
    }

    private InFlight startBatch() throws InterruptedException {
        ProbeIntake.Batch intakeBatch = intake.takeBatch();
        List<ConsumerRecord<byte[], byte[]>> records = intakeBatch.records();
        MemoryVersion memory = memoryBank.current();
        ProbeChecks.CheckedBatch checked = checks.check(records, memory);

        if (checked.hasUnknownTruth()) {
            MemoryVersion newer = memoryBank.catchUp(settings.truthLookupTimeout());
            if (newer != memory) {
                memory = newer;
                checked = checks.check(records, memory);
            }
        }

        batchNumber++;
        CompletableFuture<TimedBackend.Computed> result;
        if (checked.accepted().isEmpty()) {
            result = CompletableFuture.completedFuture(new TimedBackend.Computed(List.of(), 0));
        } else {
            List<byte[]> pixels = new ArrayList<>(checked.accepted().size());
            List<byte[]> masks = new ArrayList<>(checked.accepted().size());
            for (ProbeChecks.AcceptedProbe probe : checked.accepted()) {
                pixels.add(probe.pixels());
                masks.add(probe.knownMask());
            }
            result = compute.submit(batchNumber, memory.snapshot(), new ProbeBatch(pixels, masks));
            result.whenComplete((computed, error) -> intake.wakeup());
        }
        return new InFlight(intakeBatch, batchNumber, checked, memory, result);
    }

    /** Writes a computed batch; {@link #inFlight} may hold the next batch, computing meanwhile. */
    private void writeBatch(InFlight finished) throws InterruptedException {
        InFlight batch = finished;
        TimedBackend.Computed computed;
        try {
            computed = batch.result.get();
        } catch (ExecutionException e) {
            if (!ProbeByProbeRetry.rejectsInput(e.getCause())) {
                rewind(batch);
                throw new BackendFailure("Retrieval failed on a batch of " + batch.checked.accepted().size()
                        + " probes: " + e.getCause(), e.getCause());
            }
            ProbeByProbeRetry.Retried retried = retryProbeByProbe(batch, e.getCause());
            batch = new InFlight(batch.intakeBatch, batch.batchNumber, retried.checked(), batch.memory, batch.result);
            computed = retried.computed();
        }
        metrics.computed(computed.nanos());

        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        int ownedRecords = 0;
        for (ConsumerRecord<byte[], byte[]> record : batch.checked.records()) {
            TopicPartition partition = partition(record);
            if (!batch.intakeBatch.revokedSinceTaken(partition)) {
                offsets.merge(partition, new OffsetAndMetadata(record.offset() + 1),
                        (a, b) -> a.offset() >= b.offset() ? a : b);
                ownedRecords++;
            }
        }
        if (offsets.isEmpty()) {
            intake.release(batch.intakeBatch);
            log.info("Dropped a batch of {} probes: the group revoked all of its partitions while it computed",
                    batch.checked.records().size());
            metrics.abandoned();
            return;
        }

        long retrievedAtMs = System.currentTimeMillis();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        int retrieved = 0;
        List<RetrievalResult> results = computed.results();
        for (int i = 0; i < results.size(); i++) {
            ProbeChecks.AcceptedProbe probe = batch.checked.accepted().get(i);
            if (!batch.intakeBatch.revokedSinceTaken(partition(probe.record()))) {
                records.add(output.reconstruction(probe.probe(), results.get(i), batch.memory, retrievedAtMs));
                retrieved++;
            }
        }
        Map<RejectReason, Integer> rejectedByReason = new EnumMap<>(RejectReason.class);
        List<ProbeChecks.RejectedRecord> rejected = new ArrayList<>();
        for (ProbeChecks.RejectedRecord record : batch.checked.rejected()) {
            if (!batch.intakeBatch.revokedSinceTaken(partition(record.record()))) {
                records.add(output.deadLetter(record));
                rejectedByReason.merge(record.reason(), 1, Integer::sum);
                rejected.add(record);
            }
        }
        int skipped = ownedRecords - retrieved - rejected.size();

        long writeStart = System.nanoTime();
        TransactionalWriter.Outcome outcome = writer.write(records, offsets, intake.groupMetadata(), () -> haltRequested);
        long writeNanos = System.nanoTime() - writeStart;

        if (outcome == TransactionalWriter.Outcome.COMMITTED) {
            intake.release(batch.intakeBatch);
            metrics.committed(retrieved, rejectedByReason, skipped, writeNanos);
            progress.batch(retrieved, computed.nanos(), writeNanos);
            rejected.forEach(this::warnRejected);
        } else {
            metrics.aborted();
            rewind(batch);
        }
    }

    /** Retries a batch that the backend rejected as invalid input, one probe at a time. */
    private ProbeByProbeRetry.Retried retryProbeByProbe(InFlight batch, Throwable failure)
            throws InterruptedException {
        log.warn("The retrieval backend rejected a batch of {} probes ({}); retrying them one at a time",
                batch.checked.accepted().size(), failure.toString());
        try {
            return retry.retry(batch.batchNumber, batch.memory, batch.checked);
        } catch (ExecutionException e) {
            rewind(batch);
            throw new BackendFailure("Retrieval failed on a single probe while retrying a rejected batch: "
                    + e.getCause(), e.getCause());
        }
    }

    /**
     * Reads a batch that was not committed again, and with it the batch computing behind it, whose
     * offsets follow and which is dropped: its result is never written.
     */
    private void rewind(InFlight batch) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(batch.checked.records());
        intake.release(batch.intakeBatch);
        if (inFlight != null) {
            log.info("Dropped the next batch of {} probes with it; both are read again",
                    inFlight.checked.records().size());
            records.addAll(inFlight.checked.records());
            intake.release(inFlight.intakeBatch);
            inFlight = null;
        }
        intake.rewind(records);
    }

    /** Lets the batch in flight finish and commit if it does so before the stop deadline, else drops it. */
    private void finishForStop() throws InterruptedException {
        if (inFlight == null) {
            return;
        }
        long remaining = stopDeadlineNanos - System.nanoTime();
        try {
            inFlight.result.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("Stopping without the batch in flight ({} probes): it did not finish computing in time;"
                    + " its probes stay uncommitted for the next owner", inFlight.checked.accepted().size());
            metrics.abandoned();
            intake.release(inFlight.intakeBatch);
            inFlight = null;
            return;
        } catch (ExecutionException e) {
            // writeBatch reports the failure.
        }
        InFlight last = inFlight;
        inFlight = null;
        writeBatch(last);
        log.info("Committed the batch that was in flight when the stop was requested");
    }

    private void warnRejected(ProbeChecks.RejectedRecord rejected) {
        ConsumerRecord<byte[], byte[]> record = rejected.record();
        rejections.warn("Rejected probe record {}-{}@{} to the dead-letter topic: {} ({})", record.topic(),
                record.partition(), record.offset(), rejected.reason(), rejected.detail());
    }

    private static TopicPartition partition(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** A batch handed to the compute thread, with the memory version its results refer to. */
    private record InFlight(ProbeIntake.Batch intakeBatch, long batchNumber, ProbeChecks.CheckedBatch checked,
            MemoryVersion memory, CompletableFuture<TimedBackend.Computed> result) {
    }

    /** The backend failed on a batch; the service stops and the batch stays uncommitted. */
    static final class BackendFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BackendFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
