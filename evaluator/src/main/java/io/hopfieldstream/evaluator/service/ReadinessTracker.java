package io.hopfieldstream.evaluator.service;

import io.hopfieldstream.evaluator.http.HealthSource;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks the Kafka Streams state and the restoration of state stores for the health endpoints.
 *
 * <p>Ready means the application is {@code RUNNING} and no store partition is being restored. Kafka Streams 4.x
 * restores in a background thread and may report {@code RUNNING} before a restore ends, so the restore callbacks
 * are needed as well. Live means the state is neither {@code ERROR} nor on its way to it, and the service has not
 * been closed.
 */
final class ReadinessTracker implements HealthSource, KafkaStreams.StateListener, StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessTracker.class);

    private final Set<String> restoring = ConcurrentHashMap.newKeySet();
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        state = newState;
        LOG.info("Kafka Streams state changed from {} to {}", oldState, newState);
        signal();
    }

    /**
     * Waits until the service is ready or can no longer become ready.
     *
     * @return whether it is ready
     */
    synchronized boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isReady() && isLive()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return isReady();
    }

    /** Waits until Kafka Streams has stopped, by a close or an error. */
    synchronized void awaitStopped() throws InterruptedException {
        while (state != KafkaStreams.State.NOT_RUNNING && state != KafkaStreams.State.ERROR) {
            wait();
        }
    }

    /** Returns the current Kafka Streams state. */
    KafkaStreams.State streamsState() {
        return state;
    }

    private synchronized void signal() {
        notifyAll();
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        restoring.add(key(partition, storeName));
        LOG.info("Restoring store {} from {} offsets {} to {}", storeName, partition, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset,
            long numRestored) {
        LOG.debug("Restored {} records of store {} from {} up to offset {}", numRestored, storeName, partition,
                batchEndOffset);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        restoring.remove(key(partition, storeName));
        LOG.info("Restored store {} from {}: {} records", storeName, partition, totalRestored);
        signal();
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
        restoring.remove(key(partition, storeName));
        LOG.info("Suspended restoring store {} from {} after {} records, because the task moved", storeName,
                partition, totalRestored);
        signal();
    }

    @Override
    public boolean isLive() {
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR
                && state != KafkaStreams.State.PENDING_SHUTDOWN && state != KafkaStreams.State.NOT_RUNNING;
    }

    @Override
    public boolean isReady() {
        return state == KafkaStreams.State.RUNNING && restoring.isEmpty();
    }

    @Override
    public String state() {
        if (state == KafkaStreams.State.RUNNING && !restoring.isEmpty()) {
            return "RESTORING";
        }
        return state.name();
    }

    /** Returns the number of store partitions being restored now. */
    int restoringCount() {
        return restoring.size();
    }

    private static String key(TopicPartition partition, String storeName) {
        return storeName + "@" + partition;
    }
}
