package io.hopfieldstream.launcher.stress;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer lag of the retriever group on the probe topic: the sum over partitions of the end offset
 * minus the group's committed offset (the whole partition when the group has committed nothing
 * there yet). The retriever commits once per batch, so the lag moves in steps of up to a batch.
 */
final class ConsumerLag {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final String groupId;
    private final String topic;
    private Map<TopicPartition, Long> startOffsets;

    /**
     * @param admin admin client of the cluster; not closed here
     * @param groupId the retriever's consumer group
     * @param topic the probe topic
     */
    ConsumerLag(Admin admin, String groupId, String topic) {
        this.admin = admin;
        this.groupId = groupId;
        this.topic = topic;
    }

    /**
     * Records the end offsets at the start of the run: a partition where the group has committed
     * nothing counts its lag from there, not from the topic's first offset.
     */
    void markStart() throws InterruptedException {
        try {
            startOffsets = endOffsets();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Failed to read the end offsets of " + topic + ": " + e, e);
        }
    }

    /** Returns the current lag in records, or -1 when the cluster did not respond in time; call after {@link #markStart}. */
    long current() throws InterruptedException {
        try {
            Map<TopicPartition, Long> ends = endOffsets();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                long from = offset != null ? offset.offset() : startOffsets.getOrDefault(end.getKey(), 0L);
                lag += Math.max(0, end.getValue() - from);
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Failed to read the consumer lag of group {} on {}: {}", groupId, topic, e.toString());
            return -1;
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(info -> request.put(new TopicPartition(topic, info.partition()),
                OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }
}
