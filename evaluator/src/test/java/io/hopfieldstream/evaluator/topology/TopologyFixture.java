package io.hopfieldstream.evaluator.topology;

import io.hopfieldstream.schemas.MemoryPattern;
import io.hopfieldstream.schemas.Reconstruction;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.WindowMetrics;
import io.hopfieldstream.schemas.serde.RecordSerdes;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A {@link TopologyTestDriver} over the real evaluator topology and its topics. */
final class TopologyFixture implements AutoCloseable {

    static final Instant WALL_CLOCK = Instant.ofEpochMilli(1_700_000_000_000L);

    final TopologyTestDriver driver;
    final RejectionCounts rejections = new RejectionCounts();
    final TestInputTopic<String, MemoryPattern> patterns;
    final TestInputTopic<String, Reconstruction> reconstructions;
    final TestInputTopic<byte[], byte[]> rawReconstructions;
    final TestOutputTopic<String, WindowMetrics> metrics;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    TopologyFixture(TopologySettings settings, Path stateDir, String processingGuarantee) {
        Properties properties = new Properties();
        properties.putAll(EvaluatorStreamsConfig.defaults(Topics.IMAGES_DEAD_LETTER));
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "evaluator-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(RejectionCounts.CONFIG, rejections);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);

        driver = new TopologyTestDriver(EvaluatorTopology.build(settings), properties, WALL_CLOCK);
        patterns = driver.createInputTopic(settings.patternsTopic(), new StringSerializer(),
                RecordSerdes.memoryPattern().serializer());
        reconstructions = driver.createInputTopic(settings.reconstructionsTopic(), new StringSerializer(),
                RecordSerdes.reconstruction().serializer());
        rawReconstructions = driver.createInputTopic(settings.reconstructionsTopic(), new ByteArraySerializer(),
                new ByteArraySerializer());
        metrics = driver.createOutputTopic(settings.metricsTopic(), new StringDeserializer(),
                RecordSerdes.windowMetrics().deserializer());
        deadLetters = driver.createOutputTopic(Topics.IMAGES_DEAD_LETTER, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Pipes a reconstruction keyed by its probe id; its event time is its retrievedAtMs. */
    void pipe(Reconstruction reconstruction) {
        reconstructions.pipeInput(new TestRecord<>(reconstruction.getProbeId(), reconstruction));
    }

    /** Reads every metrics record so far and returns the latest value per key, as a compacted topic keeps it. */
    Map<String, WindowMetrics> latestMetrics(Map<String, WindowMetrics> latest) {
        metrics.readKeyValuesToList().forEach(record -> latest.put(record.key, record.value));
        return latest;
    }

    Map<String, WindowMetrics> latestMetrics() {
        return latestMetrics(new HashMap<>());
    }

    @Override
    public void close() {
        driver.close();
    }
}
