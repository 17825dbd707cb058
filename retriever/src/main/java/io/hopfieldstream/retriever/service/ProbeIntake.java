package io.hopfieldstream.retriever.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe consumer and the records it fetched but the service has not yet taken into a batch.
 * Confined to the service thread.
 *
 * <p>The service keeps polling while a batch computes, so the consumer stays in its group however
 * long a batch takes. Polled records wait here; once a full batch is waiting, every assigned
 * partition is paused, which bounds this buffer to one batch plus one poll. When the group revokes
 * a partition, its waiting records are dropped and every batch taken but not yet released is marked
 * not to write that partition's results, because the next owner reads it again from the committed
 * offset.
 */
final class ProbeIntake implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(ProbeIntake.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final int batchSize;
    private final long maxWaitNanos;
    private final Instant replayFrom;
    private final RetrieverMetrics metrics;

    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private final List<Batch> openBatches = new ArrayList<>();
    private boolean paused;

    /**
     * @param consumer the probe consumer, not yet subscribed
     * @param topic the probe topic
     * @param batchSize maximum number of probes per batch
     * @param maxWait maximum wait for a partial batch after its first record arrived
     * @param replayFrom where a partition without a committed offset starts reading, or null for the consumer's
     *     {@code auto.offset.reset}
     * @param metrics counts revoked and lost partitions
     */
    ProbeIntake(Consumer<byte[], byte[]> consumer, String topic, int batchSize, Duration maxWait, Instant replayFrom,
            RetrieverMetrics metrics) {
        this.consumer = consumer;
        this.topic = topic;
        this.batchSize = batchSize;
        this.maxWaitNanos = maxWait.toNanos();
        this.replayFrom = replayFrom;
        this.metrics = metrics;
    }

    void subscribe() {
        consumer.subscribe(List.of(topic), this);
    }

    /** Polls once, keeps the records for later batches and pauses or resumes fetching as the buffer fills. */
    void poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        long now = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            waiting.add(new Waiting(record, now));
        }
        updatePause();
    }

    /** Returns whether a batch can start: a full batch waits, or the oldest waiting record waited long enough. */
    boolean batchReady(long nowNanos) {
        return waiting.size() >= batchSize || (!waiting.isEmpty() && nowNanos - waiting.peek().arrivedNanos >= maxWaitNanos);
    }

    /** Returns how long until a partial batch is due, or {@code fallback} when nothing waits. */
    Duration timeUntilReady(long nowNanos, Duration fallback) {
        if (waiting.isEmpty()) {
            return fallback;
        }
        long remaining = maxWaitNanos - (nowNanos - waiting.peek().arrivedNanos);
        return Duration.ofNanos(Math.max(0, Math.min(remaining, fallback.toNanos())));
    }

    /**
     * Takes the next batch of up to {@code batchSize} records, oldest first, and tracks the partitions
     * revoked from now until the batch is {@linkplain #release released}.
     */
    Batch takeBatch() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(Math.min(batchSize, waiting.size()));
        while (records.size() < batchSize && !waiting.isEmpty()) {
            records.add(waiting.poll().record);
        }
        Batch batch = new Batch(records, new HashSet<>());
        openBatches.add(batch);
        updatePause();
        return batch;
    }

    /** Stops tracking revocations for a batch that was written or dropped. */
    void release(Batch batch) {
        openBatches.remove(batch);
    }

    /**
     * Moves the consumer back so that the given records and every waiting record are fetched again,
     * after a transaction that should have written them was aborted. Partitions no longer assigned
     * are left alone: their next owner starts from the committed offset.
     */
    void rewind(Collection<ConsumerRecord<byte[], byte[]>> dropped) {
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : dropped) {
            firstOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        for (Waiting held : waiting) {
            ConsumerRecord<byte[], byte[]> record = held.record;
            firstOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        waiting.clear();

        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, Long> seeks = new TreeMap<>(ProbeIntake::compare);
        firstOffsets.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                consumer.seek(partition, offset);
                seeks.put(partition, offset);
            }
        });
        log.info("Rewound the probe consumer to read again from {}", seeks);
        updatePause();
    }

    ConsumerGroupMetadata groupMetadata() {
        return consumer.groupMetadata();
    }

    int waitingCount() {
        return waiting.size();
    }

    /** Interrupts a blocking poll from any thread; the poll raises {@link org.apache.kafka.common.errors.WakeupException}. */
    void wakeup() {
        consumer.wakeup();
    }

    void close(Duration timeout) {
        close(CloseOptions.timeout(timeout));
    }

    void close(CloseOptions options) {
        try {
            consumer.close(options);
        } catch (RuntimeException e) {
            log.warn("Closing the probe consumer failed: {}", e.toString());
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        log.info("Assigned probe partitions {}", sorted(partitions));
        if (paused) {
            consumer.pause(partitions);
        }
        if (replayFrom != null) {
            seekUncommittedToReplayStart(partitions);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        log.info("Revoked probe partitions {}; their uncommitted probes go to the next owner", sorted(partitions));
        metrics.revoked(partitions.size());
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        log.warn("Lost probe partitions {} (the group moved on without this member); dropping their uncommitted probes",
                sorted(partitions));
        metrics.lost(partitions.size());
        forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        for (Batch batch : openBatches) {
            batch.revoked().addAll(partitions);
        }
        Set<TopicPartition> revoked = new HashSet<>(partitions);
        Iterator<Waiting> iterator = waiting.iterator();
        while (iterator.hasNext()) {
            ConsumerRecord<byte[], byte[]> record = iterator.next().record;
            if (revoked.contains(new TopicPartition(record.topic(), record.partition()))) {
                iterator.remove();
            }
        }
    }

    private void seekUncommittedToReplayStart(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = ignoringWakeup(() -> consumer.committed(new HashSet<>(partitions)));
        Map<TopicPartition, Long> fresh = new HashMap<>();
        for (TopicPartition partition : partitions) {
            if (committed.get(partition) == null) {
                fresh.put(partition, replayFrom.toEpochMilli());
            }
        }
        if (fresh.isEmpty()) {
            return;
        }

        Map<TopicPartition, OffsetAndTimestamp> offsets = ignoringWakeup(() -> consumer.offsetsForTimes(fresh));
        List<TopicPartition> noneAfter = new ArrayList<>();
        for (TopicPartition partition : fresh.keySet()) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                noneAfter.add(partition);
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
        if (!noneAfter.isEmpty()) {
            consumer.seekToEnd(noneAfter);
        }
        log.info("Replay starts at {} on partitions {}; {} hold no probe written since then",
                replayFrom, sorted(fresh.keySet()), sorted(noneAfter));
    }

    /**
     * Runs a blocking consumer call inside a rebalance callback to its end even when a wakeup arrives,
     * then wakes the consumer again so the service thread still receives that wakeup after the poll. A
     * callback that failed half-way would leave partitions at the wrong start offset.
     */
    private <T> T ignoringWakeup(Supplier<T> call) {
        boolean wokenUp = false;
        try {
            while (true) {
                try {
                    return call.get();
                } catch (WakeupException e) {
                    wokenUp = true;
                }
            }
        } finally {
            if (wokenUp) {
                consumer.wakeup();
            }
        }
    }

    private void updatePause() {
        if (waiting.size() >= batchSize && !paused) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (waiting.size() < batchSize && paused) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    private static List<TopicPartition> sorted(Collection<TopicPartition> partitions) {
        return partitions.stream().sorted(ProbeIntake::compare).toList();
    }

    private static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }

    private record Waiting(ConsumerRecord<byte[], byte[]> record, long arrivedNanos) {
    }

    /**
     * Records taken into one batch, and the partitions the group revoked since it was taken.
     * Compared by identity, so two batches with the same records stay apart.
     */
    static final class Batch {

        private final List<ConsumerRecord<byte[], byte[]>> records;
        private final Set<TopicPartition> revoked;

        Batch(List<ConsumerRecord<byte[], byte[]>> records, Set<TopicPartition> revoked) {
            this.records = records;
            this.revoked = revoked;
        }

        List<ConsumerRecord<byte[], byte[]>> records() {
            return records;
        }

        Set<TopicPartition> revoked() {
            return revoked;
        }

        /** Returns whether the group revoked this partition since the batch was taken. */
        boolean revokedSinceTaken(TopicPartition partition) {
            return revoked.contains(partition);
        }
    }
}
