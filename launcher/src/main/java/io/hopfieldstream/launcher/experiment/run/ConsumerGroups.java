package io.hopfieldstream.launcher.experiment.run;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits offsets for new consumer groups through the admin client, so that a group's first member
 * starts exactly where the sweep wants it instead of where {@code auto.offset.reset} puts it.
 */
final class ConsumerGroups {

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroups.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ConsumerGroups() {
    }

    /**
     * Commits the current end offsets of every partition of {@code topic} (the last stable offsets, as a
     * read_committed reader sees them) for a group without members, so that it reads only what is written
     * afterwards.
     *
     * @throws IllegalStateException when the broker rejects the request or does not respond within 30 s
     */
    static void startAtEnd(Admin admin, String groupId, String topic) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            description.partitions().forEach(partition ->
                    request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
                    .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            ends.forEach((partition, info) -> offsets.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(groupId, offsets).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.debug("Consumer group {} starts at the end of {}: {}", groupId, topic, offsets);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed to set the offsets of consumer group " + groupId + " on " + topic
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + TIMEOUT.toSeconds()
                    + " s setting the offsets of consumer group " + groupId + " on " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting the offsets of consumer group " + groupId, e);
        }
    }

    /**
     * Deletes groups that have no members any more. A group that cannot be deleted yet, for example because
     * its last member's session has not expired, is kept, and Kafka removes its offsets after
     * {@code offsets.retention.minutes}.
     */
    static void deleteQuietly(Admin admin, Collection<String> groupIds) {
        if (groupIds.isEmpty()) {
            return;
        }
        try {
            admin.deleteConsumerGroups(groupIds).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.debug("Deleted consumer groups {}", groupIds);
        } catch (ExecutionException | TimeoutException e) {
            log.info("Kept consumer groups {} that could not be deleted yet: {}", groupIds,
                    e instanceof ExecutionException ? e.getCause().toString() : e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
