package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.producer.publish.MemoryBankPublisher;
import io.hopfieldstream.retriever.memory.MemorySnapshot;
import io.hopfieldstream.retriever.memory.MemoryVersion;
import io.hopfieldstream.retriever.memory.StoredPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps exactly one memory bank on the shared, compacted memory topic: the bank of the point that runs.
 *
 * <p>On open it reads which patterns the topic contains now (the latest record per key is not a tombstone).
 * {@link #switchTo} then sends a tombstone for every held pattern that the new bank lacks and a record for
 * every pattern of the new bank that the topic lacks, in that order on the topic's partitions, and waits
 * until the broker acknowledged all of them. A reader that reads the topic to its end afterwards, as a
 * retriever does when it starts, holds exactly the new bank. Pattern ids name one image for good
 * ("test-00042"), so a pattern that both banks hold is not sent again.
 */
public final class MemoryBankSwitcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemoryBankSwitcher.class);

    private final String topic;
    private final MemoryBankPublisher publisher;
    private final Set<String> held;

    private MemoryBankSwitcher(String topic, MemoryBankPublisher publisher, Set<String> held) {
        this.topic = topic;
        this.publisher = publisher;
        this.held = held;
    }

    /**
     * Reads which patterns the memory topic contains and opens a publisher on it.
     *
     * @throws IllegalStateException when the topic cannot be read to its end within five minutes
     */
    public static MemoryBankSwitcher open(Map<String, Object> clientProperties, String topic) {
        Set<String> held = readHeldPatterns(clientProperties, topic);
        log.info("Memory topic {} contains {} patterns before the first switch", topic, held.size());
        MemoryBankPublisher publisher = new MemoryBankPublisher(clientProperties,
                MemoryBankPublisher.Settings.defaults().withTopic(topic));
        return new MemoryBankSwitcher(topic, publisher, held);
    }

    /**
     * Makes the topic hold exactly these images.
     *
     * @return how many patterns were removed and added
     * @throws io.hopfieldstream.producer.publish.PublishException when a record was not delivered
     */
    public BankChange switchTo(List<CifarImage> images) {
        long start = System.nanoTime();
        Set<String> wanted = new LinkedHashSet<>();
        List<CifarImage> missing = new ArrayList<>();
        for (CifarImage image : images) {
            if (wanted.add(image.patternId()) && !held.contains(image.patternId())) {
                missing.add(image);
            }
        }
        List<String> surplus = held.stream().filter(id -> !wanted.contains(id)).sorted().toList();

        if (!surplus.isEmpty()) {
            publisher.remove(surplus);
            held.removeAll(surplus);
        }
        if (!missing.isEmpty()) {
            publisher.publish(missing);
            missing.forEach(image -> held.add(image.patternId()));
        }
        BankChange change = new BankChange(wanted.size(), missing.size(), surplus.size(),
                (System.nanoTime() - start) / 1e9);
        if (change.changed()) {
            log.info("Switched memory topic {} to a bank of {} patterns: {} added, {} removed in {} s", topic,
                    change.size(), change.added(), change.removed(), String.format("%.1f", change.seconds()));
        }
        return change;
    }

    /**
     * Returns the content fingerprint that a retriever's memory has when it holds exactly these images, as
     * {@link MemoryVersion#fingerprint()} computes it.
     */
    public static String fingerprint(List<CifarImage> images) {
        List<StoredPattern> patterns = new ArrayList<>(images.size());
        for (CifarImage image : images) {
            patterns.add(new StoredPattern(image.patternId(), image.label(), image.pixels()));
        }
        return new MemoryVersion(new MemorySnapshot(0, patterns)).fingerprint();
    }

    @Override
    public void close() {
        publisher.close();
    }

    private static Set<String> readHeldPatterns(Map<String, Object> clientProperties, String topic) {
        Map<String, Boolean> latestIsValue = new HashMap<>();
        TopicScan.scan(clientProperties, topic, "hopfield-experiment-memory-reader", record -> {
            if (record.key() != null) {
                latestIsValue.put(new String(record.key(), StandardCharsets.UTF_8), record.value() != null);
            }
        });
        Set<String> held = new HashSet<>();
        latestIsValue.forEach((id, isValue) -> {
            if (isValue) {
                held.add(id);
            }
        });
        return held;
    }

    /**
     * The records one switch sent.
     *
     * @param size patterns in the new bank
     * @param added patterns published
     * @param removed tombstones sent
     * @param seconds time until the broker acknowledged everything
     */
    public record BankChange(int size, int added, int removed, double seconds) {

        /** Returns whether anything was sent. */
        public boolean changed() {
            return added > 0 || removed > 0;
        }
    }
}
