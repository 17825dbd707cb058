package io.hopfieldstream.producer.publish;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hopfieldstream.producer.dataset.CifarImage;
import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.config.KafkaProperties;
import io.hopfieldstream.schemas.serde.RecordSerdes;

/**
 * Publishes stored images to the compacted memory topic, keyed by patternId, as {@link MemoryPattern} records.
 *
 * <p>Publishing the same image again overwrites its record after compaction, so re-running a publish is safe.
 * {@link #remove(Collection)} sends tombstones that delete patterns. Unless {@link Settings#createTopic()} is
 * false, the first call creates the topic when it is missing ({@link TopicSetup#memoryTopic(String)}:
 * compacted, one partition) and waits until the broker serves it.
 *
 * <pre>{@code
 * List<CifarImage> bank = ImageSampler.sample(reader.iterator(CifarSelection.all(CifarSplit.TEST)),
 *         SampleCriteria.random(1_000, 7L).withClasses(Set.of(3, 5)));
 * try (MemoryBankPublisher publisher = new MemoryBankPublisher(kafkaProperties, MemoryBankPublisher.Settings.defaults())) {
 *     MemoryBankSummary summary = publisher.publish(bank);
 * }
 * }</pre>
 * Kafka client properties pass through unchanged over {@link ProducerDefaults}. The publisher is not
 * thread-safe.
 */
public final class MemoryBankPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryBankPublisher.class);

    private final Producer<String, MemoryPattern> producer;
    private final Map<String, Object> clientProperties;
    private final Settings settings;
    private final Ticker ticker;
    private boolean topicChecked;

    /**
     * Settings of the memory-bank publisher.
     *
     * @param topic            topic to write, by default {@link Topics#MEMORY_PATTERNS}
     * @param createTopic      whether to create the topic when it is missing
     * @param progressInterval minimum time between progress lines
     * @param closeTimeout     maximum time {@link #close()} waits for records still in flight, and for the
     *                         topic to be created
     */
    public record Settings(String topic, boolean createTopic, Duration progressInterval, Duration closeTimeout) {

        /** Validates the settings. */
        public Settings {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(progressInterval, "progressInterval");
            Objects.requireNonNull(closeTimeout, "closeTimeout");
        }

        /** Returns the defaults: the memory topic, created when missing, a progress line every 5 s, 30 s to close. */
        public static Settings defaults() {
            return new Settings(Topics.MEMORY_PATTERNS, true, Duration.ofSeconds(5), Duration.ofSeconds(30));
        }

        /** Returns a copy that writes to another topic. */
        public Settings withTopic(String otherTopic) {
            return new Settings(otherTopic, createTopic, progressInterval, closeTimeout);
        }

        /** Returns a copy that creates a missing topic, or leaves that to the broker's auto-creation. */
        public Settings withCreateTopic(boolean create) {
            return new Settings(topic, create, progressInterval, closeTimeout);
        }
    }

    /** Creates a publisher that serializes with the project's Avro serde. */
    public MemoryBankPublisher(Map<String, ?> clientProperties, Settings settings) {
        this(clientProperties, RecordSerdes.memoryPattern().serializer(), settings);
    }

    /** Creates a publisher with another value serializer, for example a schema registry's. */
    public MemoryBankPublisher(Map<String, ?> clientProperties, Serializer<MemoryPattern> serializer,
                               Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Ticker.SYSTEM;
        Map<String, Object> properties = ProducerDefaults.merge(clientProperties, "hopfield-memory-publisher");
        this.clientProperties = properties;
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), serializer);
        LOG.info("Memory bank publisher writes to {} with producer settings {}", settings.topic(),
                KafkaProperties.builder().defaults(properties).build());
    }

    /**
     * Publishes images as memory patterns and waits until the broker acknowledged all of them.
     *
     * @throws PublishException when some record was not delivered
     */
    public MemoryBankSummary publish(Iterable<CifarImage> images) {
        ensureTopic();
        DeliveryTracker tracker = new DeliveryTracker();
        ProgressLog progress = new ProgressLog("Memory bank", tracker, settings.progressInterval(), ticker);
        long start = ticker.nanoTime();

        for (CifarImage image : images) {
            if (tracker.hasFailed()) {
                break;
            }
            String patternId = image.patternId();
            producer.send(new ProducerRecord<>(settings.topic(), patternId, toPattern(image)),
                    tracker.onSend(settings.topic(), patternId));
            progress.maybeLog();
        }
        return finish(tracker, start, "the memory bank");
    }

    /**
     * Removes patterns from the memory bank by sending a tombstone (null value) for each patternId.
     *
     * @throws PublishException when some tombstone was not delivered
     */
    public MemoryBankSummary remove(Collection<String> patternIds) {
        ensureTopic();
        DeliveryTracker tracker = new DeliveryTracker();
        long start = ticker.nanoTime();
        for (String patternId : patternIds) {
            producer.send(new ProducerRecord<>(settings.topic(), patternId, null),
                    tracker.onSend(settings.topic(), patternId));
        }
        return finish(tracker, start, "tombstones");
    }

    /** Converts an image to its memory record. */
    public static MemoryPattern toPattern(CifarImage image) {
        return MemoryPattern.newBuilder()
                .setPatternId(image.patternId())
                .setLabel(image.label())
                .setSplit(image.split().id())
                .setSourceIndex(image.index())
                .setPixels(ByteBuffer.wrap(image.pixels()))
                .build();
    }

    /** Waits for records in flight, up to the close timeout, and closes the producer. */
    @Override
    public void close() {
        LOG.info("Closing the memory bank publisher (waiting up to {} for records in flight)", settings.closeTimeout());
        producer.close(settings.closeTimeout());
        LOG.info("Memory bank publisher closed");
    }

    private void ensureTopic() {
        if (topicChecked || !settings.createTopic()) {
            return;
        }
        TopicSetup.ensureTopics(clientProperties, List.of(TopicSetup.memoryTopic(settings.topic())),
                settings.closeTimeout());
        topicChecked = true;
    }

    private MemoryBankSummary finish(DeliveryTracker tracker, long start, String what) {
        producer.flush();
        double seconds = (ticker.nanoTime() - start) / 1e9;
        MemoryBankSummary summary = new MemoryBankSummary(settings.topic(), tracker.acknowledged(),
                tracker.acknowledgedBytes(), seconds);
        tracker.throwIfFailed(what + " to " + settings.topic());
        LOG.info("{}", summary);
        return summary;
    }
}
