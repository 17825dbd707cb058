package io.hopfieldstream.launcher.experiment.run;

import io.hopfieldstream.producer.publish.ProducerDefaults;
import io.hopfieldstream.producer.publish.PublishException;
import io.hopfieldstream.schemas.Corruption;
import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Topics;
import io.hopfieldstream.schemas.serde.RecordCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a retriever that runs elsewhere has applied a memory switch, using only what every retriever
 * does. A probe whose truth pattern is not in its memory makes it catch up with the memory topic, that is,
 * apply every record written before it read the probe. The pattern is still missing then, so it sends the
 * probe to the dead-letter topic. The barrier publishes such a probe after the switch was acknowledged and
 * waits for its dead letter, so every batch the retriever computes afterwards uses the new bank.
 *
 * <p>Each barrier costs one dead letter, under the experiment id {@code <sweepId>-barrier}.
 */
final class RetrieverBarrier {

    private static final Logger log = LoggerFactory.getLogger(RetrieverBarrier.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final PipelineSession session;
    private final String experimentId;
    private int barriers;

    RetrieverBarrier(PipelineSession session, String sweepId) {
        this.session = session;
        this.experimentId = sweepId + "-barrier";
    }

    /**
     * Publishes a barrier probe and waits for its dead letter.
     *
     * @throws PointFailedException when no dead letter arrives within the point timeout
     */
    void await() throws InterruptedException {
        barriers++;
        String probeId = experimentId + "-" + barriers;
        session.tail().track(experimentId, Set.of());
        long before = deadLetters();
        publish(probeId);

        long deadline = System.nanoTime() + session.options().pointTimeout().toNanos();
        while (deadLetters() <= before) {
            if (System.nanoTime() - deadline > 0) {
                throw new PointFailedException("Timed out after " + session.options().pointTimeout().toSeconds()
                        + " s waiting for the external retriever to reject barrier probe " + probeId
                        + "; is a retriever running on " + session.connection().bootstrapServers()
                        + " with memory topic " + session.options().topics().memory() + "?");
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while waiting for barrier probe " + probeId);
            }
            session.tail().poll(POLL);
        }
        log.info("The external retriever caught up with the memory switch (barrier probe {})", probeId);
    }

    private long deadLetters() {
        return session.tail().deadLetters(experimentId).values().stream().mapToLong(Long::longValue).sum();
    }

    private void publish(String probeId) throws InterruptedException {
        Probe probe = Probe.newBuilder()
                .setExperimentId(experimentId)
                .setProbeId(probeId)
                .setProbeIndex(barriers)
                .setTruthPatternId(experimentId + "-no-such-pattern")
                .setLabel(0)
                .setCorruption(Corruption.newBuilder().setKind("none").setLevel(0).setSpec("none").setSeed(0).build())
                .setKnownMask(null)
                .setPixels(ByteBuffer.wrap(new byte[Topics.PIXELS_PER_IMAGE]))
                .setCreatedAtMs(System.currentTimeMillis())
                .build();
        String topic = session.options().topics().probes();
        Map<String, Object> config = ProducerDefaults.merge(session.connection().clientProperties(),
                "hopfield-experiment-barrier");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, probeId,
                    RecordCodec.forClass(Probe.class).encode(topic, probe))).get();
        } catch (ExecutionException e) {
            throw new PublishException("Failed to publish barrier probe " + probeId + " to " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
