package io.hopfieldstream.retriever.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch's records and its consumed offsets in one Kafka transaction, so a
 * read_committed reader sees the batch's reconstructions and dead letters exactly when the group's
 * offsets move past its probes. Confined to the service thread.
 *
 * <p>Failures: a fenced producer (another instance took over this transactional id), a failed
 * authorization or an out-of-order sequence raise {@link FatalWriteException}. A commit that timed
 * out is retried while the service runs, as the producer's contract allows. Any other failure
 * aborts the transaction and returns {@link Outcome#ABORTED}, so the service reads the batch again;
 * when the abort fails too, the producer is replaced, and the new producer's
 * {@code initTransactions} aborts what the old one left open.
 */
final class TransactionalWriter {

    private static final Logger log = LoggerFactory.getLogger(TransactionalWriter.class);

    private static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(5);

    private final Supplier<Producer<byte[], byte[]>> factory;
    private final String transactionalId;
    private final BooleanSupplier running;
    private Producer<byte[], byte[]> producer;

    /**
     * @param factory creates a transactional producer; called at open and after a failure the producer cannot recover from
     * @param transactionalId the producer's transactional id, for messages
     * @param running whether the service still runs; retries stop when it turns false
     */
    TransactionalWriter(Supplier<Producer<byte[], byte[]>> factory, String transactionalId, BooleanSupplier running) {
        this.factory = factory;
        this.transactionalId = transactionalId;
        this.running = running;
    }

    /**
     * Creates the producer and registers its transactional id. The broker aborts a transaction that
     * an earlier producer with this id left open and fences that producer.
     */
    void open() {
        producer = factory.get();
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            closeQuietly(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Writes the records and commits the offsets in one transaction.
     *
     * @param records reconstructions and dead letters
     * @param offsets the next offset to read per probe partition, covering every probe of the batch
     * @param group the consumer's current group metadata, which lets the group coordinator reject the
     *     offsets when this member lost the partitions to a rebalance
     * @param halt checked after the records were sent: when true, the records are flushed and left in
     *     an open transaction, as a crash at that moment would leave them, and {@link HaltRequested} is thrown
     * @return whether the transaction committed or was aborted
     * @throws FatalWriteException when the producer cannot continue
     */
    Outcome write(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
            ConsumerGroupMetadata group, BooleanSupplier halt) {
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        try {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        sendFailure.compareAndSet(null, error);
                    }
                });
            }
            if (halt.getAsBoolean()) {
                producer.flush();
                throw new HaltRequested();
            }
            producer.sendOffsetsToTransaction(offsets, group);
            commit();
            return Outcome.COMMITTED;
        } catch (HaltRequested e) {
            throw e;
        } catch (KafkaException e) {
            throwIfFatal(e);
            Exception cause = sendFailure.get() == null ? e : sendFailure.get();
            log.warn("Aborting the transaction of {} records and offsets {}: {}", records.size(), offsets, cause.toString());
            abort();
            return Outcome.ABORTED;
        }
    }

    /**
     * Closes the producer. A graceful close lets an open transaction abort. A zero timeout leaves it
     * open, as a crash would, until a producer with the same transactional id or the transaction
     * timeout ends it.
     */
    void close(Duration timeout) {
        closeQuietly(timeout);
    }

    private void commit() {
        long backoffMillis = 100;
        while (true) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                if (!running.getAsBoolean()) {
                    throw e;
                }
                log.warn("Committing the transaction timed out; retrying in {} ms: {}", backoffMillis, e.getMessage());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, MAX_RETRY_BACKOFF.toMillis());
            }
        }
    }

    private void abort() {
        try {
            producer.abortTransaction();
            return;
        } catch (KafkaException e) {
            throwIfFatal(e);
            log.warn("Aborting the transaction failed ({}); replacing the producer with transactional id {}",
                    e.toString(), transactionalId);
        }
        replaceProducer();
    }

    private void replaceProducer() {
        closeQuietly(Duration.ZERO);
        long backoffMillis = 100;
        while (true) {
            try {
                open();
                log.info("Replaced the producer with transactional id {}", transactionalId);
                return;
            } catch (KafkaException e) {
                throwIfFatal(e);
                if (!running.getAsBoolean()) {
                    throw new FatalWriteException("Failed to replace the producer with transactional id "
                            + transactionalId + " while stopping", e);
                }
                log.warn("Creating the producer with transactional id {} failed; retrying in {} ms: {}",
                        transactionalId, backoffMillis, e.toString());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, MAX_RETRY_BACKOFF.toMillis());
            }
        }
    }

    private void throwIfFatal(KafkaException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ProducerFencedException) {
                throw new FatalWriteException("Fenced: another producer with transactional id " + transactionalId
                        + " started, so this instance stops. Give each instance its own instance-id.", failure);
            }
            if (cause instanceof AuthorizationException || cause instanceof AuthenticationException
                    || cause instanceof OutOfOrderSequenceException || cause instanceof UnsupportedVersionException) {
                throw new FatalWriteException("The producer with transactional id " + transactionalId
                        + " cannot continue: " + cause, failure);
            }
            if (cause instanceof InterruptException) {
                throw new FatalWriteException("Interrupted while writing a batch", failure);
            }
        }
    }

    private void closeQuietly(Duration timeout) {
        if (producer == null) {
            return;
        }
        try {
            producer.close(timeout);
        } catch (RuntimeException e) {
            log.warn("Closing the producer with transactional id {} failed: {}", transactionalId, e.toString());
        }
        producer = null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FatalWriteException("Interrupted while retrying a write", e);
        }
    }

    /** The result of one write. */
    enum Outcome {
        /** The records are visible to read_committed readers and the offsets are committed. */
        COMMITTED,
        /** Nothing of the batch is visible and the offsets did not move; read the batch again. */
        ABORTED
    }

    /** The producer cannot continue; the service stops. */
    static final class FatalWriteException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        FatalWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A halt was requested after the batch's records were sent and before its commit. */
    static final class HaltRequested extends RuntimeException {

        private static final long serialVersionUID = 1L;

        HaltRequested() {
            super("halt requested", null, false, false);
        }
    }
}
